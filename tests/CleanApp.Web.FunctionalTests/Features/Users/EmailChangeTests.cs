using System.Net;
using System.Web;
using CleanApp.Application.Users;
using CleanApp.Web.FunctionalTests.Infrastructure;
using MimeKit;

namespace CleanApp.Web.FunctionalTests.Features.Users;

/// <summary>
/// A stolen bearer token must not become a stolen account: an email change asks for the password (camelCase), kills
/// every reset link, ends the other sessions, and mails the previous address a single-use way back.
/// </summary>
public abstract class EmailChangeTests<TFixture>(TFixture api) : ApiTest<TFixture>(api)
    where TFixture : ApiFixture
{
    protected const string Owner = "owner@example.com";
    protected const string Password = "owner-password";

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await Api.CreateUserAsync(Owner, Password);
    }

    /// <summary>The token of the link in the newest mail to <paramref name="to"/> that carries one to <paramref name="page"/>.</summary>
    protected async Task<string> LinkTokenAsync(string to, string page, int mails = 1)
    {
        var received = await Api.Mail.WaitForAsync(mails);
        var mail = received.Last(m => m.To.Mailboxes.Single().Address == to && (m.TextBody ?? string.Empty).Contains($"/{page}?token=", StringComparison.Ordinal));
        return TokenIn(mail, page);
    }

    protected static string TokenIn(MimeMessage mail, string page)
    {
        var link = (mail.TextBody ?? string.Empty).Split([' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries)
            .Single(w => w.StartsWith($"{ApiFixture.FrontendHost}/{page}?token=", StringComparison.Ordinal));
        return HttpUtility.ParseQueryString(new Uri(link).Query)["token"]!;
    }

    protected Task<HttpResponseMessage> RevertAsync(string token) => Api.Client().PostJson("/api/v1/revert-email", new { token });

    [Fact]
    public async Task The_revert_link_restores_the_address_after_whoever_changed_it_reset_the_password_and_signs_everyone_out()
    {
        var thief = await Api.SignedInAsync(Owner, Password); // say, with a password seen over a shoulder
        Assert.Equal(HttpStatusCode.OK, (await thief.PatchJson("/api/v1/users/me", Api.Body(new { email = "thief@example.com", currentPassword = Password }))).StatusCode);
        var revert = await LinkTokenAsync(Owner, "revert-email");
        Api.Mail.Clear();
        await Api.Client().Post("/api/v1/password-recovery/thief@example.com");
        var reset = await LinkTokenAsync("thief@example.com", "reset-password");
        Assert.Equal(HttpStatusCode.OK, (await Api.Client().PostJson("/api/v1/reset-password", Api.Body(new { token = reset, newPassword = "thiefs-password" }))).StatusCode);
        var thiefAgain = await Api.SignedInAsync("thief@example.com", "thiefs-password");

        var reverted = await RevertAsync(revert);
        var again = await RevertAsync(revert);

        Assert.Equal(HttpStatusCode.OK, reverted.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode); // single use
        Assert.Equal(HttpStatusCode.Unauthorized, (await thiefAgain.Get("/api/v1/users/me")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Api.LoginAsync("thief@example.com", "thiefs-password")).StatusCode);
        // The address is the owner's again, so the owner's recovery mail reaches the owner.
        Api.Mail.Clear();
        await Api.LiftLockoutsAsync();
        await Api.Client().Post($"/api/v1/password-recovery/{Owner}");
        var ownersReset = await LinkTokenAsync(Owner, "reset-password");
        Assert.Equal(HttpStatusCode.OK, (await Api.Client().PostJson("/api/v1/reset-password", Api.Body(new { token = ownersReset, newPassword = "owners-new-password" }))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Api.LoginAsync(Owner, "owners-new-password")).StatusCode);
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("0000000000000000000000000000000a.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task A_revert_token_the_server_did_not_make_is_invalid(string token)
    {
        var response = await RevertAsync(token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Invalid token", (await response.ProblemAsync()).Detail);
    }

    [Fact]
    public async Task An_email_change_kills_the_reset_links_mailed_before_and_ends_the_other_sessions()
    {
        var here = await Api.SignedInAsync(Owner, Password);
        var elsewhere = await Api.SignedInAsync(Owner, Password);
        await Api.Client().Post($"/api/v1/password-recovery/{Owner}");
        var oldLink = await LinkTokenAsync(Owner, "reset-password");

        var changed = await here.PatchJson("/api/v1/users/me", Api.Body(new { email = "moved@example.com", currentPassword = Password })).ReadAsync<UserDto>();

        Assert.Equal("moved@example.com", changed.Email);
        Assert.Equal(HttpStatusCode.OK, (await here.Get("/api/v1/users/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await elsewhere.Get("/api/v1/users/me")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Api.Client().PostJson("/api/v1/reset-password", Api.Body(new { token = oldLink, newPassword = "whatever-password" }))).StatusCode);
        var notice = (await Api.Mail.WaitForAsync(2))[^1];
        Assert.Equal(Owner, notice.To.Mailboxes.Single().Address);
        Assert.NotEmpty(TokenIn(notice, "revert-email"));
    }

    [Fact]
    public async Task An_administrators_change_of_the_email_signs_the_account_out_and_tells_the_previous_address()
    {
        var owner = await Api.SignedInAsync(Owner, Password);
        var id = (await (await owner.Get("/api/v1/users/me")).JsonAsync()).GetProperty("id").GetString();

        var changed = await (await Api.AdminAsync()).PatchJson($"/api/v1/users/{id}", new { email = "assigned@example.com" });

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await owner.Get("/api/v1/users/me")).StatusCode);
        Assert.NotEmpty(await LinkTokenAsync(Owner, "revert-email"));
    }
}

/// <summary>The camelCase profile: an email change asks for the current password.</summary>
public abstract class PasswordCheckedEmailChangeTests<TFixture>(TFixture api) : EmailChangeTests<TFixture>(api)
    where TFixture : ApiFixture
{
    [Fact]
    public async Task Changing_the_email_needs_the_current_password_and_a_name_does_not()
    {
        var client = await Api.SignedInAsync(Owner, Password);

        var none = await client.PatchJson("/api/v1/users/me", new { email = "stolen@example.com" });
        var wrong = await client.PatchJson("/api/v1/users/me", new { email = "stolen@example.com", currentPassword = "a-guess" });
        var sameAddress = await client.PatchJson("/api/v1/users/me", new { email = "OWNER@example.com" });
        var named = await client.PatchJson("/api/v1/users/me", new { fullName = "Owner" });

        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.Contains("currentPassword", (await none.ProblemAsync()).Errors.Keys);
        Assert.Equal("Incorrect password", (await wrong.ProblemAsync()).Detail);
        Assert.Equal(HttpStatusCode.OK, sameAddress.StatusCode);
        Assert.Equal(HttpStatusCode.OK, named.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Api.LoginAsync(Owner, Password)).StatusCode);
        Assert.Empty(Api.Mail.Received);
    }
}

public sealed class PostgresEmailChangeTests(ApiFixture api) : PasswordCheckedEmailChangeTests<ApiFixture>(api);

public sealed class SqliteEmailChangeTests(SqliteApiFixture api) : PasswordCheckedEmailChangeTests<SqliteApiFixture>(api);

/// <summary>
/// The FastAPI template's profile: its profile form sends no password, so none is asked; the previous address still
/// gets its way back.
/// </summary>
public sealed class SnakeCaseEmailChangeTests(SnakeCaseApiFixture api) : EmailChangeTests<SnakeCaseApiFixture>(api)
{
    [Fact]
    public async Task Changing_the_email_needs_no_password_and_the_previous_address_can_undo_it()
    {
        var thief = await Api.SignedInAsync(Owner, Password);

        var changed = await thief.PatchJson("/api/v1/users/me", new { email = "thief@example.com" });
        var reverted = await RevertAsync(await LinkTokenAsync(Owner, "revert-email"));

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, reverted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await thief.Get("/api/v1/users/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Api.LoginAsync(Owner, Password)).StatusCode);
    }
}
