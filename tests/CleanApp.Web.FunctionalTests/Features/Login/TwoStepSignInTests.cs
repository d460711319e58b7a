using System.Buffers.Binary;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using CleanApp.Infrastructure.Persistence;
using CleanApp.Web.FunctionalTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CleanApp.Web.FunctionalTests.Features.Login;

/// <summary>RFC 6238 codes as an authenticator app computes them (HMAC-SHA1, 30 s steps, 6 digits), from the base32 secret.</summary>
internal static class Authenticator
{
    public static long StepNow => DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;

    public static string Code(string secret, long step)
    {
        var key = Base32(secret);
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
#pragma warning disable CA5350 // RFC 6238's default, which authenticator apps and Identity use
        var hash = HMACSHA1.HashData(key, counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A code that is not this one (one digit changed).</summary>
    public static string Wrong(string code) => code[..5] + (char)('0' + ((code[5] - '0' + 1) % 10));

    private static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = 0;
        var value = 0;
        var bytes = new List<byte>();
        foreach (var c in text.TrimEnd('=').ToUpperInvariant())
        {
            value = (value << 5) | alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(value >> (bits - 8)));
                bits -= 8;
            }
        }

        return [.. bytes];
    }
}

/// <summary>
/// Two-step sign-in: a TOTP authenticator (Identity's keys) turned on with the password and confirmed with a code; then
/// the password grant answers 401 mfa_required and the second step (a TOTP once, or a recovery code once) the tokens.
/// </summary>
public abstract class TwoStepSignInTests<TFixture>(TFixture api) : ApiTest<TFixture>(api)
    where TFixture : ApiFixture
{
    private const string Email = "careful@example.com";
    private const string Password = "careful-password";

    private string Name(string camelCase) => JsonDocument.Parse(Api.Wire($$"""{"{{camelCase}}":0}""")).RootElement.EnumerateObject().Single().Name;

    /// <summary>An account with TOTP on: its client, secret, recovery codes, and the time step whose code confirmed it.</summary>
    private async Task<(HttpClient Client, string Secret, List<string> RecoveryCodes, long Step)> EnrolledAsync()
    {
        var user = await Api.CreateUserAsync(Email, Password);
        var client = await Api.SignedInAsync(Email, Password);
        var setup = await (await client.PostJson("/api/v1/users/me/mfa/totp", Api.Body(new { password = Password }))).JsonAsync();
        var secret = setup.GetProperty("secret").GetString()!;
        var step = Authenticator.StepNow;
        var confirmed = await client.PostJson("/api/v1/users/me/mfa/totp/confirm", Api.Body(new { code = Authenticator.Code(secret, step) }));
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var codes = (await confirmed.JsonAsync()).GetProperty(Name("recoveryCodes")).EnumerateArray().Select(c => c.GetString()!).ToList();
        Assert.NotEqual(Guid.Empty, user.Id);
        return (client, secret, codes, step);
    }

    private Task<HttpResponseMessage> GrantAsync(Dictionary<string, string> form) =>
        Api.Client().PostAsync(new Uri("/api/v1/login/access-token", UriKind.Relative), new FormUrlEncodedContent(form), TestContext.Current.CancellationToken);

    /// <summary>The password step: 401 mfa_required and its token.</summary>
    private async Task<string> MfaTokenAsync()
    {
        var response = await Api.LoginAsync(Email, Password);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal("mfa_required", body.GetProperty("error").GetString());
        Assert.False(body.TryGetProperty("access_token", out _));
        return body.GetProperty("mfa_token").GetString()!;
    }

    private Task<HttpResponseMessage> OtpAsync(string mfaToken, string otp) =>
        GrantAsync(new() { ["grant_type"] = "mfa_otp", ["mfa_token"] = mfaToken, ["otp"] = otp });

    private Task<HttpResponseMessage> RecoveryAsync(string mfaToken, string code) =>
        GrantAsync(new() { ["grant_type"] = "mfa_recovery_code", ["mfa_token"] = mfaToken, ["recovery_code"] = code });

    private async Task<bool> MfaEnabledAsync(HttpClient client) =>
        (await (await client.Get("/api/v1/users/me")).JsonAsync()).GetProperty(Name("mfaEnabled")).GetBoolean();

    [Fact]
    public async Task Turning_it_on_takes_the_password_and_a_code_and_answers_ten_recovery_codes()
    {
        await Api.CreateUserAsync(Email, Password);
        var client = await Api.SignedInAsync(Email, Password);

        var wrongPassword = await client.PostJson("/api/v1/users/me/mfa/totp", Api.Body(new { password = "not-the-password" }));
        var started = await client.PostJson("/api/v1/users/me/mfa/totp", Api.Body(new { password = Password }));
        var setup = await started.JsonAsync();
        var secret = setup.GetProperty("secret").GetString()!;
        var notYet = await MfaEnabledAsync(client);
        var wrongCode = await client.PostJson("/api/v1/users/me/mfa/totp/confirm", Api.Body(new { code = Authenticator.Wrong(Authenticator.Code(secret, Authenticator.StepNow)) }));
        var confirmed = await client.PostJson("/api/v1/users/me/mfa/totp/confirm", Api.Body(new { code = Authenticator.Code(secret, Authenticator.StepNow) }));

        Assert.Equal(HttpStatusCode.BadRequest, wrongPassword.StatusCode);
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        Assert.StartsWith("otpauth://totp/", setup.GetProperty(Name("otpauthUri")).GetString(), StringComparison.Ordinal);
        Assert.Contains($"secret={secret}", setup.GetProperty(Name("otpauthUri")).GetString(), StringComparison.Ordinal);
        Assert.False(notYet);
        Assert.Equal(HttpStatusCode.BadRequest, wrongCode.StatusCode);
        Assert.Equal("Invalid code", (await wrongCode.ProblemAsync()).Detail);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var codes = (await confirmed.JsonAsync()).GetProperty(Name("recoveryCodes")).EnumerateArray().Select(c => c.GetString()).ToList();
        Assert.Equal(10, codes.Distinct().Count());
        Assert.True(await MfaEnabledAsync(client));
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostJson("/api/v1/users/me/mfa/totp", Api.Body(new { password = Password }))).StatusCode);
    }

    [Fact]
    public async Task The_password_alone_gets_no_session_and_a_code_signs_in_once()
    {
        var (_, secret, _, step) = await EnrolledAsync();

        var mfaToken = await MfaTokenAsync();
        var tokenAlone = Api.Client(mfaToken); // it is no bearer token
        var replayed = await OtpAsync(mfaToken, Authenticator.Code(secret, step)); // accepted once already, at the confirmation
        var signedIn = await OtpAsync(mfaToken, Authenticator.Code(secret, step - 1));
        var tokenAgain = await OtpAsync(mfaToken, Authenticator.Code(secret, step + 1));
        var codeAgain = await OtpAsync(await MfaTokenAsync(), Authenticator.Code(secret, step - 1));

        Assert.Equal(HttpStatusCode.Unauthorized, (await tokenAlone.Get("/api/v1/users/me")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, replayed.StatusCode);
        Assert.Equal("invalid_grant", (await replayed.JsonAsync()).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        var access = (await signedIn.JsonAsync()).GetProperty("access_token").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await Api.Client(access).Get("/api/v1/users/me")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tokenAgain.StatusCode); // the mfa_token is spent
        Assert.Equal(HttpStatusCode.BadRequest, codeAgain.StatusCode); // and so is the code
        Assert.Equal(HttpStatusCode.BadRequest, (await OtpAsync("not-an-mfa-token", Authenticator.Code(secret, step + 1))).StatusCode);
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once()
    {
        var (_, _, codes, _) = await EnrolledAsync();

        var first = await RecoveryAsync(await MfaTokenAsync(), codes[0]);
        var again = await RecoveryAsync(await MfaTokenAsync(), codes[0]);
        var another = await RecoveryAsync(await MfaTokenAsync(), codes[1].ToUpperInvariant().Replace("-", " ", StringComparison.Ordinal)); // as typed from paper

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal(HttpStatusCode.OK, another.StatusCode);
    }

    [Fact]
    public async Task A_recovery_code_presented_eight_times_at_once_signs_in_once()
    {
        var (_, _, codes, _) = await EnrolledAsync();
        var tokens = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            tokens.Add(await MfaTokenAsync());
        }

        var answers = await Task.WhenAll(tokens.Select(token => RecoveryAsync(token, codes[0])));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        // The others are refused as a spent code is: 400, and counted as wrong codes, so 429 once the client is locked out.
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.OK), a => Assert.Contains(a.StatusCode, new[] { HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests }));
    }

    [Fact]
    public async Task Five_wrong_codes_kill_the_mfa_token_and_lock_the_client_out_as_wrong_passwords_do()
    {
        var (_, secret, _, step) = await EnrolledAsync();
        var mfaToken = await MfaTokenAsync();
        var wrong = Authenticator.Wrong(Authenticator.Code(secret, step - 1));

        var answers = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            answers.Add((await OtpAsync(mfaToken, wrong)).StatusCode);
        }

        var deadToken = await OtpAsync(mfaToken, Authenticator.Code(secret, step - 1));
        var lockedOut = await Api.LoginAsync(Email, Password); // the same lockout as wrong passwords: this client, this account
        await using (var scope = Api.Factory.Services.CreateAsyncScope())
        {
            // The client's lockout lifted, as after its 5 minutes; the token's count of wrong codes stays.
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.ExecuteSqlRawAsync("DELETE FROM throttles WHERE key LIKE 'password:%'", TestContext.Current.CancellationToken);
        }

        var stillDead = await OtpAsync(mfaToken, Authenticator.Code(secret, step - 1));
        var fresh = await OtpAsync(await MfaTokenAsync(), Authenticator.Code(secret, step - 1));

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests], answers);
        Assert.Equal(HttpStatusCode.BadRequest, deadToken.StatusCode); // the right code, too late for this token
        Assert.Equal(HttpStatusCode.TooManyRequests, lockedOut.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, stillDead.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
    }

    [Fact]
    public async Task Turning_it_off_takes_the_password_and_a_code_and_ends_the_other_sessions()
    {
        var (client, secret, _, step) = await EnrolledAsync();
        var elsewhere = Api.Client((await (await OtpAsync(await MfaTokenAsync(), Authenticator.Code(secret, step - 1))).JsonAsync()).GetProperty("access_token").GetString());

        var noCode = await client.PostJson("/api/v1/users/me/mfa/totp/disable", Api.Body(new { password = Password, code = Authenticator.Wrong(Authenticator.Code(secret, step + 1)) }));
        var off = await client.PostJson("/api/v1/users/me/mfa/totp/disable", Api.Body(new { password = Password, code = Authenticator.Code(secret, step + 1) }));

        Assert.Equal(HttpStatusCode.BadRequest, noCode.StatusCode);
        Assert.Equal(HttpStatusCode.OK, off.StatusCode);
        Assert.False(await MfaEnabledAsync(client));
        Assert.Equal(HttpStatusCode.Unauthorized, (await elsewhere.Get("/api/v1/users/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Api.LoginAsync(Email, Password)).StatusCode);
    }

    [Fact]
    public async Task New_recovery_codes_spend_the_old_ones()
    {
        var (client, secret, codes, step) = await EnrolledAsync();

        var renewed = await client.PostJson("/api/v1/users/me/mfa/recovery-codes", Api.Body(new { password = Password, code = Authenticator.Code(secret, step - 1) }));
        var newCodes = (await renewed.JsonAsync()).GetProperty(Name("recoveryCodes")).EnumerateArray().Select(c => c.GetString()!).ToList();

        Assert.Equal(HttpStatusCode.BadRequest, (await RecoveryAsync(await MfaTokenAsync(), codes[0])).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await RecoveryAsync(await MfaTokenAsync(), newCodes[0])).StatusCode);
    }

    [Fact]
    public async Task An_administrator_removes_a_users_second_step_and_the_password_signs_in_again()
    {
        await EnrolledAsync();
        var id = (await (await (await Api.AdminAsync()).Get("/api/v1/users")).JsonAsync()).GetProperty("data").EnumerateArray()
            .Single(u => u.GetProperty("email").GetString() == Email).GetProperty("id").GetString();

        var removed = await (await Api.AdminAsync()).Delete($"/api/v1/users/{id}/mfa");
        var again = await (await Api.AdminAsync()).Delete($"/api/v1/users/{id}/mfa");

        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode); // nothing left to remove
        Assert.Equal(HttpStatusCode.OK, (await Api.LoginAsync(Email, Password)).StatusCode);
        Assert.Contains(Api.Log.Messages, m => m.Contains("removed the second sign-in step", StringComparison.Ordinal));
    }
}

public sealed class PostgresTwoStepSignInTests(ApiFixture api) : TwoStepSignInTests<ApiFixture>(api);

public sealed class SqliteTwoStepSignInTests(SqliteApiFixture api) : TwoStepSignInTests<SqliteApiFixture>(api);

public sealed class SnakeCaseTwoStepSignInTests(SnakeCaseApiFixture api) : TwoStepSignInTests<SnakeCaseApiFixture>(api);
