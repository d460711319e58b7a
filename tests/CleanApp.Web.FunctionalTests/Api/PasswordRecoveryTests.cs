using System.Net;
using System.Web;
using CleanApp.Web.FunctionalTests.Infrastructure;

namespace CleanApp.Web.FunctionalTests.Api;

public class PasswordRecoveryTests(ApiFixture api) : ApiTest<ApiFixture>(api)
{
    private const string Answer = "If that email belongs to an account, a password recovery email has been sent";

    private string TokenFromMail()
    {
        var mail = Assert.Single(Api.Mail.Received);
        var link = (mail.TextBody ?? string.Empty).Split([' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Single(w => w.StartsWith(ApiFixture.FrontendHost, StringComparison.Ordinal));
        Assert.StartsWith($"{ApiFixture.FrontendHost}/reset-password?token=", link, StringComparison.Ordinal);
        return HttpUtility.ParseQueryString(new Uri(link).Query)["token"]!;
    }

    [Fact]
    public async Task A_recovery_mail_carries_a_link_whose_token_resets_the_password_once()
    {
        await Api.CreateUserAsync("forgetful@example.com", "forgotten-password");
        var client = Api.Client();

        var recovery = await client.Post("/api/v1/password-recovery/forgetful@example.com");
        var mail = Assert.Single(Api.Mail.Received);
        var token = TokenFromMail();
        var reset = await client.PostJson("/api/v1/reset-password", new { token, newPassword = "remembered-password" });
        var reuse = await client.PostJson("/api/v1/reset-password", new { token, newPassword = "another-password" });

        Assert.Equal(Answer, (await recovery.JsonAsync()).GetProperty("message").GetString());
        Assert.Equal("forgetful@example.com", mail.To.Mailboxes.Single().Address);
        Assert.Contains("Password recovery", mail.Subject, StringComparison.Ordinal);
        Assert.Equal("Password updated successfully", (await reset.JsonAsync()).GetProperty("message").GetString());
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
        Api.Mail.Clear();
        var unknown = await Api.Client().Post("/api/v1/password-recovery/unknown@example.com");

        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Equal(await known.BodyWithoutTraceIdAsync(), await unknown.BodyWithoutTraceIdAsync());
        Assert.Empty(Api.Mail.Received);
    }

    [Fact]
    public async Task An_inactive_account_gets_no_mail_and_a_user_deactivated_after_the_mail_cannot_reset()
    {
        var user = await Api.CreateUserAsync("dormant@example.com");
        await Api.Client().Post("/api/v1/password-recovery/dormant@example.com");
        var token = TokenFromMail();
        await (await Api.AdminAsync()).PatchJson($"/api/v1/users/{user.Id}", new { isActive = false });
        Api.Mail.Clear();

        var again = await Api.Client().Post("/api/v1/password-recovery/dormant@example.com");
        var reset = await Api.Client().PostJson("/api/v1/reset-password", new { token, newPassword = "woken-password" });

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Empty(Api.Mail.Received);
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
        var token = TokenFromMail();

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
        var older = TokenFromMail();
        Api.Mail.Clear();
        await Api.Client().Post("/api/v1/password-recovery/twice@example.com");
        var newer = TokenFromMail();

        Assert.Equal(HttpStatusCode.OK, (await Api.Client().PostJson("/api/v1/reset-password", new { token = newer, newPassword = "newest-password" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Api.Client().PostJson("/api/v1/reset-password", new { token = older, newPassword = "older-password" })).StatusCode);
    }
}
