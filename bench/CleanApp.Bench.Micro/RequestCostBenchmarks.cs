using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using CleanApp.Application;
using CleanApp.Application.Common.Abstractions;
using CleanApp.Application.Common.Paging;
using CleanApp.Application.Items;
using CleanApp.Domain.Items;
using CleanApp.Domain.Users;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CleanApp.Bench.Micro;

/// <summary>A message through the mediator's whole pipeline: tracing, logging, authorization, validation, retry, handler.</summary>
[MemoryDiagnoser]
public class MediatorPipelineBenchmarks
{
    private ServiceProvider services = null!;
    private ISender sender = null!;

    [GlobalSetup]
    public void Setup()
    {
        var owner = Guid.CreateVersion7();
        var page = new Page<ItemDto>(
            [.. Enumerable.Range(0, 100).Select(i => new ItemDto(Guid.CreateVersion7(), $"Item {i}", i % 2 == 0 ? $"Description {i}" : null, owner, DateTimeOffset.UtcNow, owner, DateTimeOffset.UtcNow, owner, 1))], 1000);
        services = new ServiceCollection()
            .AddLogging()
            .AddApplication()
            .AddSingleton<ICurrentUser>(new FixedUser(new UserIdentity(owner, IsSuperuser: false)))
            .AddSingleton<IItemRepository, NoItems>()
            .AddSingleton<IItemQueries>(new FixedPage(page))
            .AddSingleton<IUnitOfWork, NoSave>()
            .AddSingleton<IFaultClassifier, NoTransientFaults>()
            .BuildServiceProvider(validateScopes: true);
        sender = services.CreateScope().ServiceProvider.GetRequiredService<ISender>();
    }

    [GlobalCleanup]
    public void Cleanup() => services.Dispose();

    [Benchmark(Description = "ListItemsQuery, page of 100 (pipeline, no database)")]
    public ValueTask<Page<ItemDto>> ListItems() => sender.Send(new ListItemsQuery());

    [Benchmark(Description = "CreateItemCommand (pipeline + validation + domain + mapping, no database)")]
    public ValueTask<ItemDto> CreateItem() => sender.Send(new CreateItemCommand("A title", "A description"));

    private sealed class FixedUser(UserIdentity user) : ICurrentUser
    {
        public UserIdentity? User => user;
    }

    private sealed class NoItems : IItemRepository
    {
        public Task<Item?> FindAsync(Guid id, CancellationToken cancellationToken) => Task.FromResult<Item?>(null);

        public Task<ItemDto> AddAsync(Item item, CancellationToken cancellationToken) => Task.FromResult(item.ToDto());

        public Task<ItemDto?> EditAsync(Guid id, ItemEdit edit, Guid? owner, CancellationToken cancellationToken) => Task.FromResult<ItemDto?>(null);

        public Task<bool> DeleteAsync(Guid id, Guid? owner, CancellationToken cancellationToken) => Task.FromResult(false);
    }

    private sealed class FixedPage(Page<ItemDto> page) : IItemQueries
    {
        public Task<Page<ItemDto>> ListAsync(Guid? ownerId, PageRequest request, CancellationToken cancellationToken) => Task.FromResult(page);
    }

    private sealed class NoTransientFaults : IFaultClassifier
    {
        public bool IsTransient(Exception exception) => false;

        public bool IsUnstorableInput(Exception exception) => false;
    }

    private sealed class NoSave : IUnitOfWork
    {
        public Task SaveChangesAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

/// <summary>Issuing and validating an access token with the app's parameters (HS256 on the SHA-256 of SECRET_KEY).</summary>
[MemoryDiagnoser]
public class AccessTokenBenchmarks
{
    private const string Issuer = "cleanapp";
    private readonly JsonWebTokenHandler handler = new();
    private readonly SymmetricSecurityKey key = new(SHA256.HashData(Encoding.UTF8.GetBytes("bench-secret-of-at-least-32-characters-long")));
    private TokenValidationParameters parameters = null!;
    private string token = null!;

    [GlobalSetup]
    public void Setup()
    {
        parameters = new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = Issuer,
            IssuerSigningKey = key,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ClockSkew = TimeSpan.FromSeconds(30),
        };
        token = Issue();
    }

    [Benchmark(Description = "issue a token")]
    public string Issue()
    {
        var now = DateTime.UtcNow;
        return handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Issuer,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddDays(8),
            Subject = new ClaimsIdentity([new Claim(JwtRegisteredClaimNames.Sub, Guid.CreateVersion7().ToString()), new Claim("stamp", "0123456789ABCDEF0123456789ABCDEF")]),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
    }

    [Benchmark(Description = "validate a token")]
    public async Task<bool> Validate() => (await handler.ValidateTokenAsync(token, parameters)).IsValid;
}

/// <summary>
/// Writing a page of 100 items with System.Text.Json's web defaults, from reflection metadata: the upper bound of what the
/// API pays (its answers go through the generated fast path, CleanApp.Web's ApiJsonContext and BufferedOk).
/// </summary>
[MemoryDiagnoser]
public class JsonPageBenchmarks : IDisposable
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private readonly MemoryStream stream = new();
    private Page<ItemDto> page = null!;

    [GlobalSetup]
    public void Setup()
    {
        var owner = Guid.CreateVersion7();
        page = new Page<ItemDto>(
            [.. Enumerable.Range(0, 100).Select(i => new ItemDto(Guid.CreateVersion7(), $"Item {i}", i % 2 == 0 ? $"Description {i}" : null, owner, DateTimeOffset.UtcNow, owner, DateTimeOffset.UtcNow, owner, 1))],
            1000,
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    }

    public void Dispose()
    {
        stream.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Description = "write a page of 100 items as JSON")]
    public long WritePage()
    {
        stream.Position = 0;
        JsonSerializer.Serialize(stream, page, Web);
        return stream.Position;
    }
}
