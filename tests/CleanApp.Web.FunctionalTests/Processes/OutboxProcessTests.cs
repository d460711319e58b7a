using System.Net;
using System.Net.Http.Json;
using CleanApp.Infrastructure.Configuration;
using CleanApp.Testing;
using CleanApp.Web.FunctionalTests.Infrastructure;

namespace CleanApp.Web.FunctionalTests.Processes;

/// <summary>
/// What was acknowledged is not lost: a recovery mail asked for while the mail server is down survives the app being
/// killed (SIGKILL, as a node failure or an OOM kill) or stopped (SIGTERM, as a rolling deploy) and goes out, once,
/// when a restarted app finds the server back.
/// </summary>
public class OutboxProcessTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_recovery_mail_asked_for_while_the_mail_server_is_down_arrives_once_after_a_restart(bool killed)
    {
        await using var database = TestDatabases.New(DatabaseProvider.Postgres, killed ? "outboxkill" : "outboxstop");
        using var folder = new TempFolder();
        await using var mail = new FakeSmtpServer();
        var down = FreePort.Next(); // nothing listens there: connections are refused
        Dictionary<string, string?> Settings(int smtpPort) => AppProcess.Production(new(database.AppSettings())
        {
            ["MIGRATE_ON_START"] = "true",
            ["FIRST_SUPERUSER"] = "admin@example.com",
            ["SMTP_HOST"] = "127.0.0.1",
            ["SMTP_PORT"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["SMTP_TLS"] = "false",
            ["OUTBOX_FIRST_RETRY_MS"] = "200",
        });

        await using (var first = await AppProcess.ServeAsync(folder.Path, Settings(down)))
        {
            var asked = await first.Client.PostAsync(new Uri("/api/v1/password-recovery/admin@example.com", UriKind.Relative), null, Token);
            Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
            // Tried and refused at least once, so the app goes down in the middle of retrying.
            await Eventually.TrueAsync(() => first.Log.Contains("failed attempt", StringComparison.Ordinal), "a refused delivery in the log");
            if (!killed)
            {
                Assert.Equal(0, await first.StopAsync());
            }
        } // disposing a running app kills it (SIGKILL)

        Assert.Empty(mail.Received);
        await using var second = await AppProcess.ServeAsync(folder.Path, Settings(mail.Port));

        var received = await mail.WaitForAsync(1, TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(2), Token); // time for a second copy, if there were one to come

        var message = Assert.Single(mail.Received);
        Assert.Equal("admin@example.com", message.To.Mailboxes.Single().Address);
        Assert.Contains("reset-password?token=", message.TextBody, StringComparison.Ordinal);
        Assert.Same(received[0], message);
    }

    [Fact]
    public async Task A_verification_link_for_a_signup_while_the_mail_server_is_down_arrives_after_a_crash_and_verifies_the_address()
    {
        await using var database = TestDatabases.New(DatabaseProvider.Postgres, "outboxverify");
        using var folder = new TempFolder();
        await using var mail = new FakeSmtpServer();
        var down = FreePort.Next();
        Dictionary<string, string?> Settings(int smtpPort) => AppProcess.Production(new(database.AppSettings())
        {
            ["MIGRATE_ON_START"] = "true",
            ["FIRST_SUPERUSER"] = "admin@example.com",
            ["EMAIL_VERIFICATION"] = "optional",
            ["FRONTEND_HOST"] = "http://frontend.test",
            ["SMTP_HOST"] = "127.0.0.1",
            ["SMTP_PORT"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["SMTP_TLS"] = "false",
            ["OUTBOX_FIRST_RETRY_MS"] = "200",
        });

        await using (var first = await AppProcess.ServeAsync(folder.Path, Settings(down)))
        {
            var signup = await first.Client.PostAsJsonAsync("/api/v1/users/signup", new { email = "joiner@example.com", password = "joiner-password" }, Token);
            Assert.Equal(HttpStatusCode.Created, signup.StatusCode);
            await Eventually.TrueAsync(() => first.Log.Contains("failed attempt", StringComparison.Ordinal), "a refused delivery in the log");
        } // SIGKILL

        await using var second = await AppProcess.ServeAsync(folder.Path, Settings(mail.Port));
        var message = Assert.Single(await mail.WaitForAsync(1, TimeSpan.FromSeconds(30)));
        var link = (message.TextBody ?? string.Empty).Split([' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries)
            .Single(w => w.StartsWith("http://frontend.test/verify-email?token=", StringComparison.Ordinal));
        var token = System.Web.HttpUtility.ParseQueryString(new Uri(link).Query)["token"];
        var verified = await second.Client.PostAsJsonAsync("/api/v1/verify-email", new { token }, Token);

        Assert.Equal("joiner@example.com", message.To.Mailboxes.Single().Address);
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
    }
}
