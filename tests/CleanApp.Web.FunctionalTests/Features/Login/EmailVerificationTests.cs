using System.Net;
using System.Web;
using CleanApp.Testing;
using CleanApp.Web.FunctionalTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CleanApp.Web.FunctionalTests.Features.Login;

/// <summary>The app with <c>EMAIL_VERIFICATION=optional</c>, and a clock a test can move forward.</summary>
public class VerifyingFixture : ApiFixture
{
    public MovableClock Clock { get; } = new();

    protected override Dictionary<string, string?> Settings => new() { ["EMAIL_VERIFICATION"] = "optional" };

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
}

/// <summary>The same on SQLite.</summary>
public sealed class SqliteVerifyingFixture : VerifyingFixture
{
    private protected override Task<IThrowawayDatabase> CreateDatabaseAsync() =>
        Task.FromResult(TestDatabases.New(CleanApp.Infrastructure.Configuration.DatabaseProvider.Sqlite, "api"));
}

/// <summary>The same in the snake_case profile.</summary>
public sealed class SnakeCaseVerifyingFixture : VerifyingFixture
{
    protected override Dictionary<string, string?> Settings => new(base.Settings) { ["API_JSON_NAMING"] = "snake_case" };

    public override string Wire(string text) => WireNames.ToSnakeCase(text);

    public override int CreatedStatus => 200;

    public override int InvalidInputStatus => 422;

    public override bool RefusesUnknownProperties => false;
}

/// <summary>The system clock, moved forward by what a test says.</summary>
public sealed class MovableClock : TimeProvider
{
    public TimeSpan Ahead { get; set; }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Ahead;
}

/// <summary>
/// Verified addresses: a single-use link mailed to a new account's address (signup or an administrator's) and to the
/// new address of an email change, which it proves; with <c>required</c>, no password sign-in before it.
/// </summary>
public abstract class EmailVerificationTests<TFixture>(TFixture api) : ApiTest<TFixture>(api)
    where TFixture : VerifyingFixture
{
    private const string Password = "joiner-password";

    public override async ValueTask InitializeAsync()
    {
        Api.Clock.Ahead = TimeSpan.Zero;
        await base.InitializeAsync();
    }

    /// <summary>The answers' field, as the profile spells it.</summary>
    private string Verified => System.Text.Json.JsonDocument.Parse(Api.Wire("""{"emailVerified":0}""")).RootElement.EnumerateObject().Single().Name;

    private Task<HttpResponseMessage> SignupAsync(string email, HttpClient? client = null) =>
        (client ?? Api.Client()).PostJson("/api/v1/users/signup", Api.Body(new { email, password = Password }));

    private Task<HttpResponseMessage> VerifyAsync(string token) => Api.Client().PostJson("/api/v1/verify-email", Api.Body(new { token }));

    private async Task<bool> IsVerifiedAsync(string email) =>
        (await (await (await Api.SignedInAsync(email, Password)).Get("/api/v1/users/me")).JsonAsync()).GetProperty(Verified).GetBoolean();

    /// <summary>The token of the newest verification link mailed to <paramref name="to"/>, once <paramref name="mails"/> mails arrived.</summary>
    private async Task<string> LinkTokenAsync(string to, int mails = 1)
    {
        var mail = (await Api.Mail.WaitForAsync(mails)).Last(m => m.To.Mailboxes.Single().Address == to && (m.TextBody ?? string.Empty).Contains("/verify-email?token=", StringComparison.Ordinal));
        var link = (mail.TextBody ?? string.Empty).Split([' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries)
            .Single(w => w.StartsWith($"{ApiFixture.FrontendHost}/verify-email?token=", StringComparison.Ordinal));
        Assert.DoesNotContain(Password, mail.TextBody, StringComparison.Ordinal);
        return HttpUtility.ParseQueryString(new Uri(link).Query)["token"]!;
    }

    [Fact]
    public async Task A_signup_is_mailed_a_link_that_verifies_the_address_once()
    {
        var signup = await SignupAsync("joiner@example.com");
        var token = await LinkTokenAsync("joiner@example.com");
        var unverified = await IsVerifiedAsync("joiner@example.com"); // optional: signing in before is allowed

        var verified = await VerifyAsync(token);
        var again = await VerifyAsync(token);

        Assert.Equal(Api.CreatedStatus, (int)signup.StatusCode);
        Assert.False((await signup.JsonAsync()).GetProperty(Verified).GetBoolean());
        Assert.False(unverified);
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        Assert.Equal("Email verified", (await verified.JsonAsync()).GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal("Invalid token", (await again.ProblemAsync()).Detail);
        Assert.True(await IsVerifiedAsync("joiner@example.com"));
        Assert.Single(Api.Mail.Received); // the link, no welcome: nobody is welcomed for signing up
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("0000000000000000000000000000000a.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task A_token_the_server_did_not_make_verifies_nothing(string token)
    {
        var response = await VerifyAsync(token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Invalid token", (await response.ProblemAsync()).Detail);
    }

    [Fact]
    public async Task An_expired_link_verifies_nothing_and_a_new_one_can_be_asked_for()
    {
        await SignupAsync("joiner@example.com");
        var expiring = await LinkTokenAsync("joiner@example.com");
        var joiner = await Api.SignedInAsync("joiner@example.com", Password);
        Api.Mail.Clear();

        Api.Clock.Ahead = TimeSpan.FromHours(48) + TimeSpan.FromMinutes(1); // EMAIL_VERIFY_TOKEN_EXPIRE_HOURS' default: 48
        var expired = await VerifyAsync(expiring);
        Api.Clock.Ahead = TimeSpan.Zero;
        var resent = await joiner.Post("/api/v1/verify-email/resend");
        var fresh = await LinkTokenAsync("joiner@example.com");

        Assert.Equal(HttpStatusCode.BadRequest, expired.StatusCode);
        Assert.Equal("Invalid token", (await expired.ProblemAsync()).Detail);
        Assert.Equal(HttpStatusCode.OK, resent.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await VerifyAsync(fresh)).StatusCode);
        Assert.True(await IsVerifiedAsync("joiner@example.com"));
    }

    [Fact]
    public async Task An_email_change_unverifies_the_account_and_only_the_link_mailed_to_the_new_address_verifies_it()
    {
        await SignupAsync("joiner@example.com");
        Assert.Equal(HttpStatusCode.OK, (await VerifyAsync(await LinkTokenAsync("joiner@example.com"))).StatusCode);
        var joiner = await Api.SignedInAsync("joiner@example.com", Password);

        var moved = await joiner.PatchJson("/api/v1/users/me", Api.Body(new { email = "moved@example.com", currentPassword = Password }));
        var toMoved = await LinkTokenAsync("moved@example.com", mails: 3); // the link, the revert mail to the old address, this link
        Assert.Equal(HttpStatusCode.OK, (await joiner.PatchJson("/api/v1/users/me", Api.Body(new { email = "settled@example.com", currentPassword = Password }))).StatusCode);
        var toSettled = await LinkTokenAsync("settled@example.com", mails: 5);

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.False((await moved.JsonAsync()).GetProperty(Verified).GetBoolean());
        Assert.Equal(HttpStatusCode.BadRequest, (await VerifyAsync(toMoved)).StatusCode); // made for an address the account no longer has
        Assert.False(await IsVerifiedAsync("settled@example.com"));
        Assert.Equal(HttpStatusCode.OK, (await VerifyAsync(toSettled)).StatusCode);
        Assert.True(await IsVerifiedAsync("settled@example.com"));
    }

    [Fact]
    public async Task An_account_an_administrator_opens_is_mailed_a_link_beside_its_welcome()
    {
        var created = await (await Api.AdminAsync()).PostJson("/api/v1/users", Api.Body(new { email = "made@example.com", password = Password }));

        var token = await LinkTokenAsync("made@example.com", mails: 2);

        Assert.Equal(Api.CreatedStatus, (int)created.StatusCode);
        Assert.Contains(Api.Mail.Received, m => (m.Subject ?? string.Empty).Contains("New account", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await VerifyAsync(token)).StatusCode);
        Assert.True(await IsVerifiedAsync("made@example.com"));
    }

    [Fact]
    public async Task A_resend_mails_one_link_per_cooldown_and_none_once_the_address_is_verified()
    {
        await SignupAsync("joiner@example.com");
        await LinkTokenAsync("joiner@example.com");
        var joiner = await Api.SignedInAsync("joiner@example.com", Password);
        Api.Mail.Clear();

        var first = await joiner.Post("/api/v1/verify-email/resend");
        var second = await joiner.Post("/api/v1/verify-email/resend");
        // One worker sends the outbox in order: a second link would arrive before a mail asked for after it.
        await Api.CreateUserAsync("marker@example.com");
        await Api.Client().Post("/api/v1/password-recovery/marker@example.com");
        var mails = await Api.Mail.WaitForAsync(2);
        var resent = await LinkTokenAsync("joiner@example.com", mails: 2);
        Api.Mail.Clear();
        Assert.Equal(HttpStatusCode.OK, (await VerifyAsync(resent)).StatusCode);
        var afterwards = await joiner.Post("/api/v1/verify-email/resend");

        Assert.Equal(["joiner@example.com", "marker@example.com"], mails.Select(m => m.To.Mailboxes.Single().Address));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterwards.StatusCode);
        Assert.Equal("Email already verified", (await afterwards.JsonAsync()).GetProperty("message").GetString());
        await Api.AssertNothingElseMailedAsync();
    }

    [Fact]
    public async Task Where_verification_is_required_an_unverified_account_signs_in_only_once_verified()
    {
        await using var strict = Api.NewInstance(new() { ["EMAIL_VERIFICATION"] = "required" });
        var client = strict.CreateClient();
        Task<HttpResponseMessage> SignInAsync(string email, string password) => client.PostAsync(
            new Uri("/api/v1/login/access-token", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = email, ["password"] = password }),
            TestContext.Current.CancellationToken);
        await SignupAsync("joiner@example.com", client);
        var token = await LinkTokenAsync("joiner@example.com");

        var unverified = await SignInAsync("joiner@example.com", Password);
        var wrong = await SignInAsync("joiner@example.com", "a-guessed-password");
        Assert.Equal(HttpStatusCode.OK, (await client.PostJson("/api/v1/verify-email", Api.Body(new { token }))).StatusCode);
        var verified = await SignInAsync("joiner@example.com", Password);

        Assert.Equal(HttpStatusCode.BadRequest, unverified.StatusCode);
        Assert.Equal("Email not verified", (await unverified.ProblemAsync()).Detail);
        Assert.Equal("Incorrect email or password", (await wrong.ProblemAsync()).Detail); // nothing said without the password
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(ApiFixture.AdminEmail, ApiFixture.AdminPassword)).StatusCode); // seeded: verified
    }
}

public sealed class PostgresEmailVerificationTests(VerifyingFixture api) : EmailVerificationTests<VerifyingFixture>(api);

public sealed class SqliteEmailVerificationTests(SqliteVerifyingFixture api) : EmailVerificationTests<SqliteVerifyingFixture>(api);

public sealed class SnakeCaseEmailVerificationTests(SnakeCaseVerifyingFixture api) : EmailVerificationTests<SnakeCaseVerifyingFixture>(api);
