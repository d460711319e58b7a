using System.Diagnostics;
using System.Net;
using CleanApp.Application.Common;
using CleanApp.Web.FunctionalTests.Infrastructure;

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
        await Api.Client().Post("/api/v1/password-recovery/twice@example.com");
        var newer = await Api.ResetTokenFromMailAsync();

        Assert.Equal(HttpStatusCode.OK, (await Api.Client().PostJson("/api/v1/reset-password", new { token = newer, newPassword = "newest-password" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Api.Client().PostJson("/api/v1/reset-password", new { token = older, newPassword = "older-password" })).StatusCode);
    }
}

/// <summary>The API with a mail server 300 ms away that sometimes refuses, and quick retries.</summary>
public sealed class SlowMailApiFixture : ApiFixture
{
    public static readonly TimeSpan MailDelay = TimeSpan.FromMilliseconds(300);

    public SlowMailApiFixture() => Mail.GreetingDelay = MailDelay;

    protected override Dictionary<string, string?> Settings => new() { ["OUTBOX_FIRST_RETRY_MS"] = "50" };
}

public class PasswordRecoveryTimingTests(SlowMailApiFixture api) : ApiTest<SlowMailApiFixture>(api)
{
    [Fact]
    public async Task Recovery_takes_as_long_for_a_registered_email_as_for_an_unknown_one_with_a_slow_mail_server()
    {
        const int Rounds = 15;
        await Api.CreateUserAsync("registered@example.com");
        var client = Api.Client();
        async Task<double> TimeAsync(string email)
        {
            var clock = Stopwatch.StartNew();
            var response = await client.Post($"/api/v1/password-recovery/{email}");
            var elapsed = clock.Elapsed.TotalMilliseconds;
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return elapsed;
        }

        await TimeAsync("registered@example.com"); // warm-up: first use of the key ring, the queries' plans
        await TimeAsync("unknown@example.com");
        var registered = new List<double>();
        var unknown = new List<double>();
        for (var round = 0; round < Rounds; round++)
        {
            registered.Add(await TimeAsync("registered@example.com"));
            unknown.Add(await TimeAsync("unknown@example.com"));
        }

        // Before the mail was sent in the background, a registered email took the mail server's 300 ms more than an
        // unknown one; now the medians are within a millisecond or so (20 ms leaves room for a busy shared machine).
        var difference = Math.Abs(Median(registered) - Median(unknown));
        Assert.True(
            difference < 20,
            $"Medians differ by {difference:0.0} ms: registered {Median(registered):0.0} ms, unknown {Median(unknown):0.0} ms.");
        // The mail still goes out: one per request that found none of its own waiting (one waits per recipient at a time;
        // the outbox says how many it wrote). Waiting for all of them also leaves no delivery in flight to land in the
        // next test's mailbox.
        var written = await Api.OutboxMessagesAsync("PasswordResetRequested");
        Assert.InRange(written, 1, Rounds + 1);
        var mail = await Api.Mail.WaitForAsync(written, TimeSpan.FromSeconds(30));
        Assert.Equal(written, mail.Count);
        Assert.All(mail, m => Assert.Equal("registered@example.com", m.To.Mailboxes.Single().Address));
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

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return (sorted[(sorted.Count - 1) / 2] + sorted[sorted.Count / 2]) / 2;
    }
}
