using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using CleanApp.Application.Users;
using CleanApp.Web.FunctionalTests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CleanApp.Web.FunctionalTests.Features.Login;

public class AuthTests(ApiFixture api) : ApiTest<ApiFixture>(api)
{
    [Fact]
    public async Task Login_gives_a_bearer_token_that_authenticates_its_user()
    {
        var user = await Api.CreateUserAsync("reader@example.com", "reader-password");

        var login = await Api.LoginAsync("READER@example.com", "reader-password");
        var body = await login.JsonAsync();
        var me = await Api.Client(body.GetProperty("access_token").GetString()).Post("/api/v1/login/test-token");

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal("bearer", body.GetProperty("token_type").GetString());
        Assert.Equal(11520 * 60, body.GetProperty("expires_in").GetInt64());
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal(user.Id, (await me.ReadAsync<UserDto>()).Id);
    }

    [Theory]
    [InlineData("password", HttpStatusCode.OK)]
    [InlineData("client_credentials", HttpStatusCode.BadRequest)]
    public async Task The_login_form_takes_OAuth2s_optional_fields_and_no_grant_but_password_and_refresh_token(string grantType, HttpStatusCode expected)
    {
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = grantType,
            ["username"] = ApiFixture.AdminEmail,
            ["password"] = ApiFixture.AdminPassword,
            ["scope"] = "",
            ["client_id"] = "a-client",
            ["client_secret"] = "",
        });

        var response = await Api.Client().PostAsync(Http.Url("/api/v1/login/access-token"), form, Token);

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.BadRequest)
        {
            Assert.Contains("grant_type", (await response.ProblemAsync()).Detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_unknown_email_and_a_wrong_password_get_the_same_answer()
    {
        await Api.CreateUserAsync("known@example.com", "right-password");

        var unknown = await Api.LoginAsync("nobody@example.com", "right-password");
        var wrong = await Api.LoginAsync("known@example.com", "wrong-password");

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal("Incorrect email or password", (await unknown.ProblemAsync()).Detail);
        Assert.Equal(await unknown.BodyWithoutTraceIdAsync(), await wrong.BodyWithoutTraceIdAsync());
    }

    [Fact]
    public async Task An_inactive_user_cannot_sign_in_but_only_learns_it_with_the_right_password()
    {
        await Api.CreateUserAsync("sleeper@example.com", "sleeper-password", isActive: false);

        var right = await Api.LoginAsync("sleeper@example.com", "sleeper-password");
        var wrong = await Api.LoginAsync("sleeper@example.com", "not-the-password");

        Assert.Equal("Inactive user", (await right.ProblemAsync()).Detail);
        Assert.Equal("Incorrect email or password", (await wrong.ProblemAsync()).Detail);
    }

    [Fact]
    public async Task Five_failed_sign_ins_lock_the_account_with_429_even_for_the_right_password()
    {
        await Api.CreateUserAsync("target@example.com", "target-password");

        for (var attempt = 1; attempt < 5; attempt++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await Api.LoginAsync("target@example.com", "guess-" + attempt)).StatusCode);
        }

        var fifth = await Api.LoginAsync("target@example.com", "guess-5");
        var right = await Api.LoginAsync("target@example.com", "target-password");

        Assert.Equal(HttpStatusCode.TooManyRequests, fifth.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.True(right.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(429, (await right.ProblemAsync()).Status);
    }

    [Fact]
    public async Task No_token_answers_401_with_a_bearer_challenge()
    {
        var response = await Api.Client().Post("/api/v1/login/test-token");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(401, (await response.ProblemAsync()).Status);
    }

    public static TheoryData<string> BadTokens => new()
    {
        "not-a-jwt",
        Sign(Guid.CreateVersion7(), SHA256.HashData(Encoding.UTF8.GetBytes(ApiFixture.SecretKey)), TimeSpan.FromMinutes(-5)), // expired
        Sign(Guid.CreateVersion7(), SHA256.HashData(Encoding.UTF8.GetBytes("some-other-secret-of-32-characters!!")), TimeSpan.FromMinutes(5)), // wrong key
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_malformed_expired_or_wrongly_signed_token_answers_401_invalid_token(string token)
    {
        var response = await Api.Client(token).Get("/api/v1/users/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.Single().Parameter, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_token_of_a_deleted_user_is_refused_with_401()
    {
        var user = await Api.CreateUserAsync("leaving@example.com", "leaving-password");
        var client = await Api.SignedInAsync("leaving@example.com", "leaving-password");
        Assert.Equal(HttpStatusCode.OK, (await client.Get("/api/v1/users/me")).StatusCode);

        var deleted = await (await Api.AdminAsync()).Delete($"/api/v1/users/{user.Id}");
        var after = await client.Get("/api/v1/users/me");

        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task Deactivating_a_user_signs_them_out_everywhere_and_they_cannot_sign_in_until_reactivated()
    {
        var user = await Api.CreateUserAsync("paused@example.com", "paused-password");
        var client = await Api.SignedInAsync("paused@example.com", "paused-password");
        var admin = await Api.AdminAsync();

        await admin.PatchJson($"/api/v1/users/{user.Id}", new { isActive = false });
        var signedOut = await client.Get("/api/v1/users/me");
        var signIn = await Api.LoginAsync("paused@example.com", "paused-password");
        await admin.PatchJson($"/api/v1/users/{user.Id}", new { isActive = true });
        var stillOut = await client.Get("/api/v1/users/me");
        var again = await (await Api.SignedInAsync("paused@example.com", "paused-password")).Get("/api/v1/users/me");

        Assert.Equal(HttpStatusCode.Unauthorized, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, signIn.StatusCode);
        Assert.Equal("Inactive user", (await signIn.ProblemAsync()).Detail);
        Assert.Equal(HttpStatusCode.Unauthorized, stillOut.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task A_password_change_ends_every_other_session_and_keeps_the_one_it_was_made_from()
    {
        await Api.CreateUserAsync("mover@example.com", "first-password");
        var here = await Api.SignedInAsync("mover@example.com", "first-password");
        var elsewhere = await Api.SignedInAsync("mover@example.com", "first-password");

        var change = await here.PatchJson("/api/v1/users/me/password", new { currentPassword = "first-password", newPassword = "second-password" });
        var sameSession = await here.Get("/api/v1/users/me");
        var otherSession = await elsewhere.Get("/api/v1/users/me");
        var newSignIn = await (await Api.SignedInAsync("mover@example.com", "second-password")).Get("/api/v1/users/me");

        Assert.Equal(HttpStatusCode.OK, change.StatusCode);
        Assert.Equal(HttpStatusCode.OK, sameSession.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, otherSession.StatusCode);
        Assert.Equal(HttpStatusCode.OK, newSignIn.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Api.LoginAsync("mover@example.com", "first-password")).StatusCode);
    }

    [Fact]
    public async Task Superuser_rights_are_read_at_every_request_not_frozen_in_the_token()
    {
        var deputy = await Api.CreateUserAsync("deputy@example.com", "deputy-password", isSuperuser: true);
        var client = await Api.SignedInAsync("deputy@example.com", "deputy-password");
        Assert.Equal(HttpStatusCode.OK, (await client.Get("/api/v1/users")).StatusCode);

        await (await Api.AdminAsync()).PatchJson($"/api/v1/users/{deputy.Id}", new { isSuperuser = false });
        var demoted = await client.Get("/api/v1/users");

        Assert.Equal(HttpStatusCode.Forbidden, demoted.StatusCode);
        Assert.Equal("The user doesn't have enough privileges", (await demoted.ProblemAsync()).Detail);
    }

    private static string Sign(Guid subject, byte[] key, TimeSpan expiresIn)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "cleanapp",
            Audience = "cleanapp",
            IssuedAt = now.AddHours(-1),
            NotBefore = now.AddHours(-1),
            Expires = now + expiresIn,
            Subject = new ClaimsIdentity([new Claim("sub", subject.ToString())]),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key), SecurityAlgorithms.HmacSha256),
        });
    }
}
