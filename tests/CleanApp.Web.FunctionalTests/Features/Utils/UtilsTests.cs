using System.Net;
using CleanApp.Application.Common;
using CleanApp.Testing;
using CleanApp.Web.FunctionalTests.Infrastructure;

namespace CleanApp.Web.FunctionalTests.Features.Utils;

public class UtilsTests(ApiFixture api) : ApiTest<ApiFixture>(api)
{
    [Fact]
    public async Task The_test_email_is_really_sent_through_smtp()
    {
        var response = await (await Api.AdminAsync()).Post("/api/v1/utils/test-email?emailTo=ops@example.com");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("Test email sent", (await response.ReadAsync<Confirmation>()).Message);
        var mail = Assert.Single(Api.Mail.Received);
        Assert.Equal("ops@example.com", mail.To.Mailboxes.Single().Address);
        Assert.Equal("info@example.com", mail.From.Mailboxes.Single().Address);
        Assert.Contains("Test email", mail.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_address_is_400_and_a_normal_user_is_refused()
    {
        await Api.CreateUserAsync("plain@example.com");

        var bad = await (await Api.AdminAsync()).Post("/api/v1/utils/test-email?emailTo=not-an-address");
        var missing = await (await Api.AdminAsync()).Post("/api/v1/utils/test-email");
        var plain = await (await Api.SignedInAsync("plain@example.com", "user-password-1")).Post("/api/v1/utils/test-email?emailTo=ops@example.com");

        Assert.Contains("emailTo", (await bad.ProblemAsync()).Errors.Keys);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, plain.StatusCode);
        Assert.Empty(Api.Mail.Received);
    }

    [Fact]
    public async Task The_health_check_answers_true_to_anyone()
    {
        var response = await Api.Client().Get("/api/v1/utils/health-check");

        Assert.Equal("true", await response.Content.ReadAsStringAsync(Token));
    }
}

/// <summary>The API with no mail server configured.</summary>
public sealed class NoMailApiFixture : ApiFixture
{
    protected override Dictionary<string, string?> Settings => new() { ["SMTP_HOST"] = null };
}

public class NoMailTests(NoMailApiFixture api) : ApiTest<NoMailApiFixture>(api)
{
    [Fact]
    public async Task The_test_email_answers_503_naming_the_setting()
    {
        var response = await (await Api.AdminAsync()).Post("/api/v1/utils/test-email?emailTo=ops@example.com");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("SMTP_HOST", (await response.ProblemAsync()).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Password_recovery_still_answers_200_and_in_development_logs_the_link_instead()
    {
        await Api.CreateUserAsync("someone@example.com");

        var response = await Api.Client().Post("/api/v1/password-recovery/someone@example.com");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Eventually.TrueAsync(() => Api.Log.Messages.Any(m => m.Contains("reset-password?token=", StringComparison.Ordinal)), "the logged recovery link");
        Assert.Empty(Api.Mail.Received);
        Assert.True(
            Api.Log.Messages.Any(m => m.Contains($"{ApiFixture.FrontendHost}/reset-password?token=", StringComparison.Ordinal)
                && m.Contains("someone@example.com", StringComparison.Ordinal)),
            "No logged recovery link in:\n" + string.Join("\n", Api.Log.Messages));
    }
}
