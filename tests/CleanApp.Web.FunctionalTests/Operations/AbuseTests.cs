using System.Net;
using CleanApp.Testing;
using CleanApp.Web.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CleanApp.Web.FunctionalTests.Operations;

/// <summary>The app behind a proxy it trusts, so each test names its clients (X-Forwarded-For); budgets as the base fixture's.</summary>
public class ClientsFixture : ApiFixture
{
    protected override Dictionary<string, string?> Settings => new() { ["FORWARDED_ALLOW_IPS"] = "127.0.0.1" };

    protected override void ConfigureServices(IServiceCollection services) => services.AddTransient<IStartupFilter, FromLoopback>();
}

/// <summary>The same on SQLite.</summary>
public sealed class SqliteClientsFixture : ClientsFixture
{
    private protected override Task<IThrowawayDatabase> CreateDatabaseAsync() =>
        Task.FromResult(TestDatabases.New(CleanApp.Infrastructure.Configuration.DatabaseProvider.Sqlite, "api"));
}

/// <summary>
/// What anyone on the internet could aim at an account before: locking its owner out, learning that it exists, and
/// filling its mailbox.
/// </summary>
public abstract class AbuseTests<TFixture>(TFixture api) : ApiTest<TFixture>(api)
    where TFixture : ApiFixture
{
    protected const string Owner = "owner@example.com";
    protected const string Password = "owner-password";

    protected Task<HttpResponseMessage> SignInAsync(string client, string email, string password)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Http.Url("/api/v1/login/access-token"))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = email, ["password"] = password }),
        };
        request.Headers.Add("X-Forwarded-For", client);
        return Api.Client().SendAsync(request, Token);
    }

    protected async Task<int[]> GuessesAsync(string client, string email, int count)
    {
        var statuses = new int[count];
        for (var i = 0; i < count; i++)
        {
            statuses[i] = (int)(await SignInAsync(client, email, $"guess-{i}")).StatusCode;
        }

        return statuses;
    }

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await Api.CreateUserAsync(Owner, Password);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_out_the_guessing_client_not_the_owner_nor_the_superuser()
    {
        var attacker = await GuessesAsync("203.0.113.66", Owner, 6);
        var againstAdmin = await GuessesAsync("203.0.113.66", ApiFixture.AdminEmail, 5);
        var attackerRight = await SignInAsync("203.0.113.66", Owner, Password);

        Assert.Equal([400, 400, 400, 400, 429, 429], attacker);
        Assert.Equal([400, 400, 400, 400, 429], againstAdmin);
        Assert.Equal(HttpStatusCode.TooManyRequests, attackerRight.StatusCode);
        Assert.True(attackerRight.Headers.RetryAfter?.Delta > TimeSpan.FromMinutes(4));
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync("198.51.100.7", Owner, Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync("198.51.100.7", ApiFixture.AdminEmail, ApiFixture.AdminPassword)).StatusCode);
    }

    [Fact]
    public async Task An_unknown_address_is_answered_exactly_as_a_known_one_the_429_included()
    {
        var known = await GuessesAsync("203.0.113.70", Owner, 6);
        var unknown = await GuessesAsync("203.0.113.70", "nobody@example.com", 6);
        var knownLocked = await SignInAsync("203.0.113.70", Owner, "guess");
        var unknownLocked = await SignInAsync("203.0.113.70", "nobody@example.com", "guess");

        Assert.Equal(known, unknown);
        Assert.Equal((await knownLocked.ProblemAsync()).Detail, (await unknownLocked.ProblemAsync()).Detail);
    }

    [Fact]
    public async Task An_ipv6_client_is_one_client_across_its_64_not_one_per_address()
    {
        for (var i = 1; i <= 5; i++)
        {
            await SignInAsync($"2001:db8:1:2::{i:x}", Owner, $"guess-{i}");
        }

        var sameNetwork = await SignInAsync("2001:db8:1:2:ffff::1", Owner, Password);
        var otherNetwork = await SignInAsync("2001:db8:1:3::1", Owner, Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, sameNetwork.StatusCode);
        Assert.Equal(HttpStatusCode.OK, otherNetwork.StatusCode);
    }

    [Fact]
    public async Task Many_recovery_requests_for_one_address_send_one_mail_in_the_cooldown()
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, 25).Select(i =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, Http.Url($"/api/v1/password-recovery/{Owner}"));
            request.Headers.Add("X-Forwarded-For", $"203.0.113.{i + 1}");
            return Api.Client().SendAsync(request, Token);
        }));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Single(await Api.Mail.WaitForAsync(1));
        Api.Mail.Clear();
        await Api.AssertNothingElseMailedAsync();
        Assert.Equal(2, await Api.OutboxMessagesAsync("PasswordRecoveryRequested")); // the 25 requests' one, and the marker's
    }
}

public sealed class PostgresAbuseTests(ClientsFixture api) : AbuseTests<ClientsFixture>(api)
{
    [Fact]
    public async Task Recovery_requests_spread_over_two_instances_send_one_mail_in_the_cooldown()
    {
        await using var second = Api.NewInstance();
        var instances = new[] { Api.Factory, second };

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            using var client = instances[i % 2].CreateClient();
            return await client.PostAsync(Http.Url($"/api/v1/password-recovery/{Owner}"), null, Token);
        }));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Single(await Api.Mail.WaitForAsync(1));
        Assert.Equal(1, await Api.OutboxMessagesAsync("PasswordRecoveryRequested"));
    }
}

public sealed class SqliteAbuseTests(SqliteClientsFixture api) : AbuseTests<SqliteClientsFixture>(api)
{
    // Each request writes (a cooldown, an outbox row) while the dispatcher reads and writes the same file: a writer
    // waits for the lock rather than answering 503 (a commit used to meet the dispatcher's read and fail at once).
    [Fact]
    public async Task Concurrent_writers_share_the_file_without_a_503()
    {
        var failed = new List<HttpStatusCode>();
        for (var round = 0; round < 10; round++)
        {
            var answers = await Task.WhenAll(Enumerable.Range(0, 25).Select(i =>
            {
                var request = new HttpRequestMessage(HttpMethod.Post, Http.Url($"/api/v1/password-recovery/writer-{round}-{i % 5}@example.com"));
                request.Headers.Add("X-Forwarded-For", $"198.18.{round}.{i + 1}");
                return Api.Client().SendAsync(request, Token);
            }));
            failed.AddRange(answers.Select(a => a.StatusCode).Where(s => s != HttpStatusCode.OK));
        }

        Assert.Empty(failed);
        Assert.Equal(50, await Api.OutboxMessagesAsync("PasswordRecoveryRequested")); // one per address: 10 rounds of 5
    }
}

/// <summary>The API with a small sign-in budget: three requests a minute per client.</summary>
public class SmallBudgetFixture : ClientsFixture
{
    protected override Dictionary<string, string?> Settings => new()
    {
        ["FORWARDED_ALLOW_IPS"] = "127.0.0.1",
        ["AUTH_RATE_LIMIT_PER_MINUTE"] = "3",
    };
}

/// <summary>The same on SQLite (its budgets are counted in the process's memory).</summary>
public sealed class SqliteSmallBudgetFixture : SmallBudgetFixture
{
    private protected override Task<IThrowawayDatabase> CreateDatabaseAsync() =>
        Task.FromResult(TestDatabases.New(CleanApp.Infrastructure.Configuration.DatabaseProvider.Sqlite, "api"));
}

public sealed class BudgetTests(SmallBudgetFixture api) : Budgets<SmallBudgetFixture>(api);

public sealed class SqliteBudgetTests(SqliteSmallBudgetFixture api) : Budgets<SqliteSmallBudgetFixture>(api);

public abstract class Budgets<TFixture>(TFixture api) : ApiTest<TFixture>(api)
    where TFixture : SmallBudgetFixture
{
    private Task<HttpResponseMessage> SendAsync(string client, string path, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Http.Url(path)) { Content = content };
        request.Headers.Add("X-Forwarded-For", client);
        return Api.Client().SendAsync(request, Token);
    }

    [Fact]
    public async Task Signup_spends_the_sign_in_budget_so_nobody_opens_accounts_or_probes_addresses_at_will()
    {
        await RateLimitWindow.AwayFromItsEndAsync();
        var statuses = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((int)(await SendAsync("203.0.113.90", "/api/v1/users/signup", JsonContent($$"""{"email":"signup-{{i}}@example.com","password":"signup-password"}"""))).StatusCode);
        }

        Assert.Equal([201, 201, 201, 429], statuses);
    }

    [Fact]
    public async Task An_ipv6_client_spends_one_budget_across_its_64_not_one_per_address()
    {
        await RateLimitWindow.AwayFromItsEndAsync();
        var statuses = new List<int>();
        for (var i = 1; i <= 4; i++)
        {
            statuses.Add((int)(await SendAsync($"2001:db8:9:9::{i:x}", $"/api/v1/password-recovery/someone-{i}@example.com")).StatusCode);
        }

        var otherNetwork = await SendAsync("2001:db8:9:a::1", "/api/v1/password-recovery/someone@example.com");

        Assert.Equal([200, 200, 200, 429], statuses);
        Assert.Equal(HttpStatusCode.OK, otherNetwork.StatusCode);
    }

    [Fact]
    public async Task Refreshing_has_a_budget_of_its_own_so_a_spent_sign_in_budget_signs_nobody_out()
    {
        await RateLimitWindow.AwayFromItsEndAsync();
        var signIn = await SendAsync("203.0.113.91", "/api/v1/login/access-token", Form(("username", ApiFixture.AdminEmail), ("password", ApiFixture.AdminPassword)));
        var refresh = (await signIn.JsonAsync()).GetProperty("refresh_token").GetString()!;
        for (var i = 0; i < 3; i++)
        {
            await SendAsync("203.0.113.91", "/api/v1/login/access-token", Form(("username", "abuser@example.com"), ("password", "guess")));
        }

        var another = await SendAsync("203.0.113.91", "/api/v1/login/access-token", Form(("username", ApiFixture.AdminEmail), ("password", ApiFixture.AdminPassword)));
        var refreshed = await SendAsync("203.0.113.91", "/api/v1/login/access-token", Form(("grant_type", "refresh_token"), ("refresh_token", refresh)));

        Assert.Equal(HttpStatusCode.TooManyRequests, another.StatusCode);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
    }

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));
}
