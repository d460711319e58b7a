using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Web;
using CleanApp.Application.Common.Abstractions;
using CleanApp.Application.Roles;
using CleanApp.Domain.Roles;
using CleanApp.Domain.Users;
using CleanApp.Infrastructure.Identity;
using CleanApp.Infrastructure.Persistence.Maintenance;
using CleanApp.Infrastructure.Persistence.Outbox;
using CleanApp.Infrastructure.Persistence;
using CleanApp.Testing;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;

namespace CleanApp.Web.FunctionalTests.Infrastructure;

/// <summary>
/// The API of one test class: the whole app in memory on its own PostgreSQL database (migrated once), a mail
/// server that receives what the API sends, and a fast reset (truncate, seed the superuser) before each test.
/// </summary>
public class ApiFixture : IAsyncLifetime
{
    public const string AdminEmail = "admin@example.com";
    public const string AdminPassword = "admin-password-1";
    public const string SecretKey = "functional-tests-secret-of-at-least-32-characters";
    public const string FrontendHost = "http://frontend.test";

    private IThrowawayDatabase? database;
    private WebAppFactory? factory;
    private Dictionary<string, string?> appSettings = [];

    public FakeSmtpServer Mail { get; } = new();

    /// <summary>Every message the app logs (its instances' too), kept for the whole fixture: a reset does not empty it.</summary>
    public CapturedLog Log { get; } = new();

    internal WebAppFactory Factory => factory ?? throw new InvalidOperationException("The fixture is not initialised.");

    /// <summary>A request's JSON or query, written in camelCase, as this fixture's profile spells it.</summary>
    public virtual string Wire(string text) => text;

    /// <summary>A request body written in camelCase, as this fixture's profile spells it (for the JSON helpers).</summary>
    public System.Text.Json.JsonElement Body(object camelCase) =>
        System.Text.Json.JsonDocument.Parse(Wire(System.Text.Json.JsonSerializer.Serialize(camelCase))).RootElement.Clone();

    /// <summary>What a route that creates a resource answers in this fixture's profile.</summary>
    public virtual int CreatedStatus => 201;

    /// <summary>What unreadable or invalid input gets in this fixture's profile.</summary>
    public virtual int InvalidInputStatus => 400;

    /// <summary>Whether a property the route does not know is refused (400 naming it) rather than ignored.</summary>
    public virtual bool RefusesUnknownProperties => true;

    /// <summary>Settings a subclass adds or overrides (null removes a default).</summary>
    protected virtual Dictionary<string, string?> Settings => [];

    /// <summary>Services a subclass adds to the app (observers and options, never replacements).</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>The database the app runs on: by default one of its own on the test run's server.</summary>
    private protected virtual async Task<IThrowawayDatabase> CreateDatabaseAsync() => await TestPostgres.CreateDatabaseAsync("api");

    public async ValueTask InitializeAsync()
    {
        database = await CreateDatabaseAsync();
        var settings = new Dictionary<string, string?>
        {
            ["FIRST_SUPERUSER"] = AdminEmail,
            ["FIRST_SUPERUSER_PASSWORD"] = AdminPassword,
            ["SEED_SAMPLE_DATA"] = "false",
            ["SECRET_KEY"] = SecretKey,
            ["FRONTEND_HOST"] = FrontendHost,
            ["AUTH_RATE_LIMIT_PER_MINUTE"] = "100000",
            ["SMTP_HOST"] = "127.0.0.1",
            ["SMTP_PORT"] = Mail.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["SMTP_TLS"] = "false",
        };
        foreach (var (key, value) in Settings)
        {
            settings[key] = value;
        }

        appSettings = settings;
        factory = NewInstance();
        await using var scope = factory.Services.CreateAsyncScope();
        var maintenance = scope.ServiceProvider.GetRequiredService<DatabaseMaintenance>();
        await maintenance.MigrateAsync(null, backup: false, null, CancellationToken.None);
        await maintenance.SeedAsync(null, CancellationToken.None);
    }

    /// <summary>
    /// Another instance of the same app on the same database, as a second replica behind a load balancer (the caller
    /// disposes it).
    /// </summary>
    internal WebAppFactory NewInstance(Dictionary<string, string?>? overrides = null) =>
        new(database ?? throw new InvalidOperationException("The fixture is not initialised."), "Development", With(overrides), services =>
        {
            // Fewer hashing rounds: the same hashes and checks, in a fraction of the time.
            services.Configure<PasswordHasherOptions>(options => options.IterationCount = 1000);
            services.AddSingleton<ILogEventSink>(Log);
            ConfigureServices(services);
        });

    private Dictionary<string, string?> With(Dictionary<string, string?>? overrides)
    {
        var all = new Dictionary<string, string?>(appSettings);
        foreach (var (key, value) in overrides ?? [])
        {
            all[key] = value;
        }

        return all;
    }

    public async ValueTask DisposeAsync()
    {
        if (factory is not null)
        {
            await factory.DisposeAsync();
        }

        if (database is not null)
        {
            await database.DisposeAsync();
        }

        await Mail.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Back to a database with only the first superuser, and an empty mailbox.</summary>
    public async Task ResetAsync()
    {
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            // The last test's mail still on its way (outbox messages pending) must not land in this test's mailbox.
            // Bounded: a message the mail server keeps refusing is truncated with the rest after 10 s.
            for (var waited = 0; waited < 100 && await db.Set<OutboxMessage>().AnyAsync(m => m.DispatchedAt == null && m.DeadAt == null); waited++)
            {
                await Task.Delay(100);
            }

            await EmptyAsync(db);
            await scope.ServiceProvider.GetRequiredService<DatabaseMaintenance>().SeedAsync(null, CancellationToken.None);
        }

        Mail.Clear();
    }

    /// <summary>Every data table emptied (names from the model, not from input): PostgreSQL truncates, SQLite deletes.</summary>
    private static async Task EmptyAsync(AppDbContext db)
    {
        if (!db.Database.IsSqlite())
        {
            var truncate = $"TRUNCATE {string.Join(", ", DataTables(db))} CASCADE";
            await db.Database.ExecuteSqlRawAsync(truncate);
            return;
        }

        await db.Database.OpenConnectionAsync();
        try
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA foreign_keys = OFF");
            foreach (var table in DataTables(db))
            {
                var delete = $"DELETE FROM {table}";
                await db.Database.ExecuteSqlRawAsync(delete);
            }

            await db.Database.ExecuteSqlRawAsync("PRAGMA foreign_keys = ON");
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Ends every lockout and cooldown (wrong-password counts, recovery mail), as the passing of their time would.</summary>
    public async Task LiftLockoutsAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.ExecuteSqlRawAsync("DELETE FROM throttles");
    }

    /// <summary>Every session was last refreshed a minute ago, as if that time had passed (beyond the refresh-token reuse interval).</summary>
    public async Task AgeSessionsAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var then = DateTimeOffset.UtcNow.AddMinutes(-1);
        _ = db.Database.IsSqlite()
            ? await db.Database.ExecuteSqlAsync($"UPDATE sessions SET last_used_at = {then.UtcTicks}")
            : await db.Database.ExecuteSqlAsync($"UPDATE sessions SET last_used_at = {then}");
    }

    /// <summary>
    /// Every table of the EF model, so a table added to the model is emptied too; but the DataProtection keys, which
    /// the app holds in memory and signs reset tokens with.
    /// </summary>
    private static IEnumerable<string> DataTables(AppDbContext db) =>
        db.Model.GetEntityTypes()
            .Where(type => type.ClrType != typeof(DataProtectionKey) && type.GetTableName() is not null)
            .Select(type => type.GetSchema() is { } schema ? $"\"{schema}\".\"{type.GetTableName()}\"" : $"\"{type.GetTableName()}\"")
            .Distinct();

    public HttpClient Client(string? token = null)
    {
        var client = Factory.CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public Task<HttpResponseMessage> LoginAsync(string email, string password) =>
        Client().PostAsync(
            new Uri("/api/v1/login/access-token", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = email, ["password"] = password }),
            TestContext.Current.CancellationToken);

    public async Task<string> TokenAsync(string email, string password)
    {
        var response = await LoginAsync(email, password);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<TokenBody>(TestContext.Current.CancellationToken))!.access_token;
    }

    public Task<HttpClient> AdminAsync() => SignedInAsync(AdminEmail, AdminPassword);

    public async Task<HttpClient> SignedInAsync(string email, string password) => Client(await TokenAsync(email, password));

    /// <summary>
    /// Creates an account directly in the identity store, as the seeder does (the API's own rules for it are tested
    /// elsewhere): no domain event, so no welcome mail in the test's mailbox.
    /// </summary>
    public async Task<UserAccount> CreateUserAsync(string email, string password = "user-password-1", bool isSuperuser = false, bool isActive = true)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, IsActive = isActive, IsSuperuser = isSuperuser };
        var created = await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().CreateAsync(user, password);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
        return (await scope.ServiceProvider.GetRequiredService<IUserRepository>().FindAsync(user.Id, CancellationToken.None))!;
    }

    /// <summary>
    /// Gives the user exactly one custom role holding these permissions (the role created if it is not there), straight
    /// in the store, as the roles API would.
    /// </summary>
    public async Task GrantAsync(Guid userId, string role, params string[] permissions)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<IRoleRepository>();
        var unitOfWork = scope.ServiceProvider.GetRequiredService<IUnitOfWork>();
        if (!await roles.ReplacePermissionsAsync(Role.Custom(role, permissions), CancellationToken.None))
        {
            roles.Add(Role.Custom(role, permissions));
        }

        await unitOfWork.SaveChangesAsync(CancellationToken.None);
        Assert.True(await roles.SetMembershipsAsync(userId, isSuperuser: false, [role], CancellationToken.None));
        await unitOfWork.SaveChangesAsync(CancellationToken.None);
    }

    /// <summary>The ids of the outbox messages the app wrote for events of this type (by its name).</summary>
    public async Task<List<Guid>> OutboxMessageIdsAsync(string eventType)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<OutboxMessage>()
            .Where(m => m.EventType.EndsWith("." + eventType)).Select(m => m.Id).ToListAsync();
    }

    /// <summary>How many outbox messages the app wrote for events of this type (by its name).</summary>
    public async Task<int> OutboxMessagesAsync(string eventType)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<OutboxMessage>()
            .CountAsync(m => m.EventType.EndsWith("." + eventType));
    }

    /// <summary>The token of the one recovery mail received (waiting for it: mail is sent in the background).</summary>
    public async Task<string> ResetTokenFromMailAsync()
    {
        var mail = Assert.Single(await Mail.WaitForAsync(1));
        var link = (mail.TextBody ?? string.Empty).Split([' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Single(w => w.StartsWith(FrontendHost, StringComparison.Ordinal));
        Assert.StartsWith($"{FrontendHost}/reset-password?token=", link, StringComparison.Ordinal);
        return HttpUtility.ParseQueryString(new Uri(link).Query)["token"]!;
    }

    /// <summary>
    /// Nothing was queued before this: one worker sends the queue in order, so when a mail asked for now arrives,
    /// anything queued earlier would have arrived first.
    /// </summary>
    public async Task AssertNothingElseMailedAsync()
    {
        var marker = $"marker-{Guid.NewGuid():N}@example.com";
        await CreateUserAsync(marker);
        await Client().PostAsync(new Uri($"/api/v1/password-recovery/{marker}", UriKind.Relative), null, TestContext.Current.CancellationToken);

        var mail = Assert.Single(await Mail.WaitForAsync(1));
        Assert.Equal(marker, mail.To.Mailboxes.Single().Address);
    }

    // The RFC 6749 name, as on the wire.
#pragma warning disable IDE1006, CA1707
    private sealed record TokenBody(string access_token, string token_type, long expires_in);
#pragma warning restore IDE1006, CA1707
}

/// <summary>A test class on an <see cref="ApiFixture"/>: each test starts from a freshly reset database.</summary>
public abstract class ApiTest<TFixture>(TFixture api) : IClassFixture<TFixture>, IAsyncLifetime
    where TFixture : ApiFixture
{
    protected TFixture Api { get; } = api;

    protected static CancellationToken Token => TestContext.Current.CancellationToken;

    public virtual async ValueTask InitializeAsync() => await Api.ResetAsync();

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
