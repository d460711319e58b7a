using System.Net;
using CleanApp.Application.Common.Paging;
using CleanApp.Application.Items;
using CleanApp.Infrastructure.Persistence;
using CleanApp.Web.FunctionalTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Events;

namespace CleanApp.Web.FunctionalTests.Features.Idempotency;

/// <summary>Idempotency-Key on creates: a retried create answers as the first time and creates once.</summary>
public abstract class IdempotencyKeyTests<TFixture>(TFixture api) : ApiTest<TFixture>(api)
    where TFixture : ApiFixture
{
    private async Task<HttpClient> UserAsync(string email = "owner@example.com")
    {
        await Api.CreateUserAsync(email);
        return await Api.SignedInAsync(email, "user-password-1");
    }

    private static Task<HttpResponseMessage> CreateAsync(HttpClient client, string? key, object body, string path = "/api/v1/items")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Http.Url(path)) { Content = System.Net.Http.Json.JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        }

        return client.SendAsync(request, Token);
    }

    private static async Task<int> CountAsync(HttpClient client) => (await client.Get("/api/v1/items").ReadAsync<Page<ItemDto>>()).Count;

    [Fact]
    public async Task A_create_repeated_with_its_key_answers_the_same_status_headers_and_body_and_creates_one_item()
    {
        var owner = await UserAsync();
        var key = Guid.NewGuid().ToString();

        var first = await CreateAsync(owner, key, new { title = "Groceries" });
        var again = await CreateAsync(owner, key, new { title = "Groceries" });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(first.StatusCode, again.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(Token), await again.Content.ReadAsStringAsync(Token));
        Assert.Equal(first.Headers.Location, again.Headers.Location);
        Assert.Equal(first.Headers.ETag, again.Headers.ETag);
        Assert.Equal(first.Content.Headers.ContentType, again.Content.Headers.ContentType);
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal("true", Assert.Single(again.Headers.GetValues("Idempotent-Replayed")));
        Assert.Equal(1, await CountAsync(owner));
        // A replay is routine: the key's taken row is found without a failed insert, so nothing about it is logged as an error.
        Assert.DoesNotContain(Api.Log.Entries, e => e.Level >= LogEventLevel.Warning && $"{e.Message} {e.Exception}".Contains("idempotency_keys", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_same_key_with_another_body_answers_422_and_creates_nothing_more()
    {
        var owner = await UserAsync();
        var key = Guid.NewGuid().ToString();
        await CreateAsync(owner, key, new { title = "Groceries" });

        var other = await CreateAsync(owner, key, new { title = "Something else" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.Contains("different request", (await other.ProblemAsync()).Detail, StringComparison.Ordinal);
        Assert.Equal(1, await CountAsync(owner));
    }

    [Fact]
    public async Task Twenty_concurrent_requests_with_one_key_create_one_item_and_none_answers_another()
    {
        var owner = await UserAsync();
        var key = Guid.NewGuid().ToString();

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => CreateAsync(owner, key, new { title = "Once" })));

        Assert.Equal(1, await CountAsync(owner));
        // Each is the creation, its replay, or "still in progress" (409, retry shortly); never a second item. (On SQLite,
        // one writer at a time: a write that could not get the lock in time is a passing fault, 503 with Retry-After.)
        HttpStatusCode[] expected = typeof(TFixture) == typeof(SqliteApiFixture)
            ? [HttpStatusCode.Created, HttpStatusCode.Conflict, HttpStatusCode.ServiceUnavailable]
            : [HttpStatusCode.Created, HttpStatusCode.Conflict];
        Assert.All(answers, a => Assert.Contains(a.StatusCode, expected));
        var created = answers.Where(a => a.StatusCode == HttpStatusCode.Created).ToList();
        Assert.NotEmpty(created);
        Assert.Single(created.Select(a => a.Headers.Location).Distinct());
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.Created), a => Assert.NotNull(a.Headers.RetryAfter));
        var retry = await CreateAsync(owner, key, new { title = "Once" });
        Assert.Equal((HttpStatusCode.Created, created[0].Headers.Location), (retry.StatusCode, retry.Headers.Location));
    }

    [Fact]
    public async Task Keys_are_per_user_the_same_key_from_another_user_creates_their_own_item()
    {
        var alice = await UserAsync("alice@example.com");
        var bob = await UserAsync("bob@example.com");

        var mine = await CreateAsync(alice, "shared-key", new { title = "Groceries" });
        var theirs = await CreateAsync(bob, "shared-key", new { title = "Groceries" });

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (mine.StatusCode, theirs.StatusCode));
        Assert.False(theirs.Headers.Contains("Idempotent-Replayed"));
        Assert.NotEqual(mine.Headers.Location, theirs.Headers.Location);
        Assert.Equal((1, 1), (await CountAsync(alice), await CountAsync(bob)));
    }

    [Fact]
    public async Task Without_a_key_each_create_creates()
    {
        var owner = await UserAsync();

        await CreateAsync(owner, null, new { title = "Groceries" });
        await CreateAsync(owner, null, new { title = "Groceries" });

        Assert.Equal(2, await CountAsync(owner));
    }

    [Theory]
    [InlineData("   ")]
    [InlineData("\"\"")]
    public async Task An_empty_key_answers_400_and_creates_nothing(string key)
    {
        var owner = await UserAsync();

        var response = await CreateAsync(owner, key, new { title = "Groceries" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("Idempotency-Key must be", (await response.ProblemAsync()).Detail, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(owner));
    }

    [Fact]
    public async Task A_key_of_255_characters_works_and_one_of_256_answers_400()
    {
        var owner = await UserAsync();

        var longest = await CreateAsync(owner, new string('k', 255), new { title = "a" });
        var tooLong = await CreateAsync(owner, new string('k', 256), new { title = "b" });

        Assert.Equal(HttpStatusCode.Created, longest.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal(1, await CountAsync(owner));
    }

    [Fact]
    public async Task A_failed_create_keeps_nothing_and_its_retry_runs_again()
    {
        var owner = await UserAsync();
        var key = Guid.NewGuid().ToString();

        var invalid = await CreateAsync(owner, key, new { title = "" });
        var again = await CreateAsync(owner, key, new { title = "" });
        var fixedUp = await CreateAsync(owner, key, new { title = "Fixed" });

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.False(again.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal(HttpStatusCode.Created, fixedUp.StatusCode);
        Assert.Equal(1, await CountAsync(owner));
    }

    [Fact]
    public async Task An_anonymous_signup_repeated_with_its_key_creates_one_account()
    {
        var client = Api.Client();
        var key = Guid.NewGuid().ToString();
        var body = new { email = "new@example.com", password = "user-password-1" };

        var first = await CreateAsync(client, key, body, "/api/v1/users/signup");
        var again = await CreateAsync(client, key, body, "/api/v1/users/signup");
        var withoutKey = await CreateAsync(client, null, body, "/api/v1/users/signup");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(Token), await again.Content.ReadAsStringAsync(Token));
        Assert.Equal(HttpStatusCode.Conflict, withoutKey.StatusCode); // the account exists: the key's replay hid nothing
    }

    [Fact]
    public async Task A_key_used_on_one_instance_replays_on_another()
    {
        var owner = await UserAsync();
        var key = Guid.NewGuid().ToString();
        await using var second = Api.NewInstance();
        var onSecond = second.CreateClient();
        onSecond.DefaultRequestHeaders.Authorization = owner.DefaultRequestHeaders.Authorization;

        var first = await CreateAsync(owner, key, new { title = "Groceries" });
        var again = await CreateAsync(onSecond, key, new { title = "Groceries" });

        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal("true", Assert.Single(again.Headers.GetValues("Idempotent-Replayed")));
        Assert.Equal(first.Headers.Location, again.Headers.Location);
        Assert.Equal(1, await CountAsync(owner));
    }

    [Fact]
    public async Task An_expired_key_is_forgotten_a_request_with_it_creates_again()
    {
        var owner = await UserAsync();
        var key = Guid.NewGuid().ToString();
        await CreateAsync(owner, key, new { title = "Groceries" });
        await ExpireKeysAsync();

        var after = await CreateAsync(owner, key, new { title = "Groceries" });

        Assert.Equal(HttpStatusCode.Created, after.StatusCode);
        Assert.False(after.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(2, await CountAsync(owner));
    }

    /// <summary>Moves every kept key's expiry into the past, as the passing of IDEMPOTENCY_KEY_HOURS would.</summary>
    private async Task ExpireKeysAsync()
    {
        await using var scope = Api.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.True(await db.Database.ExecuteSqlRawAsync("UPDATE idempotency_keys SET expires_at = created_at") > 0, "no key was kept");
    }
}

public sealed class PostgresIdempotencyKeyTests(ApiFixture api) : IdempotencyKeyTests<ApiFixture>(api);

public sealed class SqliteIdempotencyKeyTests(SqliteApiFixture api) : IdempotencyKeyTests<SqliteApiFixture>(api);

/// <summary>The FastAPI template's profile: its creates answer 200, and a replay answers the same.</summary>
public sealed class SnakeCaseIdempotencyKeyTests(SnakeCaseApiFixture api) : ApiTest<SnakeCaseApiFixture>(api)
{
    [Fact]
    public async Task A_repeated_create_replays_the_profiles_200()
    {
        await Api.CreateUserAsync("owner@example.com");
        var owner = await Api.SignedInAsync("owner@example.com", "user-password-1");

        HttpRequestMessage Create()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, Http.Url("/api/v1/items/")) { Content = System.Net.Http.Json.JsonContent.Create(new { title = "Groceries" }) };
            request.Headers.TryAddWithoutValidation("Idempotency-Key", "\"a-structured-field-string\"");
            return request;
        }

        var first = await owner.SendAsync(Create(), Token);
        var again = await owner.SendAsync(Create(), Token);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, again.StatusCode));
        Assert.Equal(await first.Content.ReadAsStringAsync(Token), await again.Content.ReadAsStringAsync(Token));
        Assert.Equal("true", Assert.Single(again.Headers.GetValues("Idempotent-Replayed")));
        Assert.Equal(1, (await (await owner.Get("/api/v1/items/")).JsonAsync()).GetProperty("count").GetInt32());
    }
}
