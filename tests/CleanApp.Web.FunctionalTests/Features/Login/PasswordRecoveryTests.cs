using System.Collections.Concurrent;
using System.Data.Common;
using System.Net;
using CleanApp.Application.Common;
using CleanApp.Infrastructure.Configuration;
using CleanApp.Testing;
using CleanApp.Web.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace CleanApp.Web.FunctionalTests.Features.Login;

public class PasswordRecoveryTests(ApiFixture api) : ApiTest<ApiFixture>(api)
{
    private const string Answer = "If that email belongs to an account, a password recovery email has been sent";

    [Fact]
    public async Task A_recovery_mail_carries_a_link_whose_token_resets_the_password_once()
    {
        await Api.CreateUserAsync("forgetful@example.com", "forgotten-password");
        var client = Api.Client();

        var recovery = await client.Post("/api/v1/password-recovery/forgetful@example.com");
        var mail = Assert.Single(await Api.Mail.WaitForAsync(1));
        var token = await Api.ResetTokenFromMailAsync();
        var reset = await client.PostJson("/api/v1/reset-password", new { token, newPassword = "remembered-password" });
        var reuse = await client.PostJson("/api/v1/reset-password", new { token, newPassword = "another-password" });

        Assert.Equal(Answer, (await recovery.ReadAsync<Confirmation>()).Message);
        Assert.Equal("forgetful@example.com", mail.To.Mailboxes.Single().Address);
        Assert.Contains("Password recovery", mail.Subject, StringComparison.Ordinal);
        Assert.Equal("Password updated successfully", (await reset.ReadAsync<Confirmation>()).Message);
        Assert.Equal(HttpStatusCode.BadRequest, reuse.StatusCode);
        Assert.Equal("Invalid token", (await reuse.ProblemAsync()).Detail);
        Assert.Equal(HttpStatusCode.BadRequest, (await Api.LoginAsync("forgetful@example.com", "forgotten-password")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Api.LoginAsync("forgetful@example.com", "remembered-password")).StatusCode);
    }

    [Fact]
    public async Task An_unknown_email_gets_the_same_answer_and_no_mail_is_sent()
    {
        await Api.CreateUserAsync("known@example.com");

        var known = await Api.Client().Post("/api/v1/password-recovery/known@example.com");
        await Api.Mail.WaitForAsync(1);
        Api.Mail.Clear();
        var unknown = await Api.Client().Post("/api/v1/password-recovery/unknown@example.com");

        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Equal(await known.BodyWithoutTraceIdAsync(), await unknown.BodyWithoutTraceIdAsync());
        await Api.AssertNothingElseMailedAsync();
    }

    [Fact]
    public async Task An_inactive_account_gets_no_mail_and_a_user_deactivated_after_the_mail_cannot_reset()
    {
        var user = await Api.CreateUserAsync("dormant@example.com");
        await Api.Client().Post("/api/v1/password-recovery/dormant@example.com");
        var token = await Api.ResetTokenFromMailAsync();
        await (await Api.AdminAsync()).PatchJson($"/api/v1/users/{user.Id}", new { isActive = false });
        Api.Mail.Clear();

        var again = await Api.Client().Post("/api/v1/password-recovery/dormant@example.com");
        var reset = await Api.Client().PostJson("/api/v1/reset-password", new { token, newPassword = "woken-password" });

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        await Api.AssertNothingElseMailedAsync();
        Assert.Equal("Inactive user", (await reset.ProblemAsync()).Detail);
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("!!!")]
    public async Task A_token_the_server_did_not_make_is_invalid(string token)
    {
        var response = await Api.Client().PostJson("/api/v1/reset-password", new { token, newPassword = "whatever-password" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Invalid token", (await response.ProblemAsync()).Detail);
    }

    [Fact]
    public async Task A_password_the_rules_refuse_leaves_the_token_usable()
    {
        await Api.CreateUserAsync("picky@example.com");
        await Api.Client().Post("/api/v1/password-recovery/picky@example.com");
        var token = await Api.ResetTokenFromMailAsync();

        var refused = await Api.Client().PostJson("/api/v1/reset-password", new { token, newPassword = "short" });
        var accepted = await Api.Client().PostJson("/api/v1/reset-password", new { token, newPassword = "long-enough-now" });

        Assert.Contains("newPassword", (await refused.ProblemAsync()).Errors.Keys);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task A_reset_token_from_an_older_request_dies_when_a_newer_one_is_used()
    {
        await Api.CreateUserAsync("twice@example.com");
        await Api.Client().Post("/api/v1/password-recovery/twice@example.com");
        var older = await Api.ResetTokenFromMailAsync();
        Api.Mail.Clear();
        await Api.LiftLockoutsAsync(); // past the recovery-mail cooldown
        await Api.Client().Post("/api/v1/password-recovery/twice@example.com");
        var newer = await Api.ResetTokenFromMailAsync();

        Assert.Equal(HttpStatusCode.OK, (await Api.Client().PostJson("/api/v1/reset-password", new { token = newer, newPassword = "newest-password" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Api.Client().PostJson("/api/v1/reset-password", new { token = older, newPassword = "older-password" })).StatusCode);
    }
}

/// <summary>
/// The API with a mail server 300 ms away that sometimes refuses, quick retries, and an observer of the statements each
/// recovery request runs.
/// </summary>
public class SlowMailApiFixture : ApiFixture
{
    public static readonly TimeSpan MailDelay = TimeSpan.FromMilliseconds(300);

    public SlowMailApiFixture() => Mail.GreetingDelay = MailDelay;

    public RequestStatements Statements { get; } = new();

    protected override Dictionary<string, string?> Settings => new() { ["OUTBOX_FIRST_RETRY_MS"] = "50" };

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<IDbCommandInterceptor>(Statements);
}

/// <summary>The SQL each request to a path ran through EF Core, by path (the background dispatcher's is not a request's).</summary>
public sealed class RequestStatements : DbCommandInterceptor
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> byPath = new();

    public IReadOnlyList<string> Of(string path) => byPath.TryGetValue(path, out var statements) ? [.. statements] : [];

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }

    private void Record(DbCommand command)
    {
        // The accessor's request lives in an async-local: the one this statement runs for, if any.
        if (new HttpContextAccessor().HttpContext?.Request.Path.Value is { } path)
        {
            byPath.GetOrAdd(path, _ => new()).Enqueue(command.CommandText);
        }
    }
}

/// <summary>The same on SQLite.</summary>
public sealed class SqliteSlowMailApiFixture : SlowMailApiFixture
{
    private protected override Task<IThrowawayDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabases.New(DatabaseProvider.Sqlite, "api"));
}

public sealed class PasswordRecoveryTimingTests(SlowMailApiFixture api) : PasswordRecoveryTiming<SlowMailApiFixture>(api);

public sealed class SqlitePasswordRecoveryTimingTests(SqliteSlowMailApiFixture api) : PasswordRecoveryTiming<SqliteSlowMailApiFixture>(api);

public abstract class PasswordRecoveryTiming<TFixture>(TFixture api) : ApiTest<TFixture>(api)
    where TFixture : SlowMailApiFixture
{
    [Fact]
    public async Task Recovery_runs_the_same_statements_for_a_registered_email_as_for_an_unknown_one_so_its_time_tells_nothing()
    {
        await Api.CreateUserAsync("registered@example.com");

        var registered = await Api.Client().Post("/api/v1/password-recovery/registered@example.com");
        var unknown = await Api.Client().Post("/api/v1/password-recovery/unknown@example.com");

        Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
        Assert.Equal(await registered.Content.ReadAsStringAsync(Token), await unknown.Content.ReadAsStringAsync(Token));
        // Before: a lookup of the address, then a save only for a registered one. Now neither path looks it up: the same
        // cooldown and the same outbox insert; the background handler finds the account after the answer.
        var known = Api.Statements.Of("/api/v1/password-recovery/registered@example.com");
        Assert.NotEmpty(known);
        Assert.Equal(known, Api.Statements.Of("/api/v1/password-recovery/unknown@example.com"));
        Assert.DoesNotContain(known, sql => sql.Contains("users", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(2, await Api.OutboxMessagesAsync("PasswordRecoveryRequested"));
        var mail = Assert.Single(await Api.Mail.WaitForAsync(1, TimeSpan.FromSeconds(30)));
        Assert.Equal("registered@example.com", mail.To.Mailboxes.Single().Address);
    }

    [Fact]
    public async Task A_refused_delivery_is_retried_and_the_mail_still_arrives()
    {
        await Api.CreateUserAsync("patient@example.com");
        Api.Mail.RefuseNext = 2;

        var response = await Api.Client().Post("/api/v1/password-recovery/patient@example.com");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var mail = Assert.Single(await Api.Mail.WaitForAsync(1));
        Assert.Equal("patient@example.com", mail.To.Mailboxes.Single().Address);
        Assert.Equal(0, Api.Mail.RefuseNext);
    }
}
