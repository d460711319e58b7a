using System.Net;
using System.Text.Json;
using CleanApp.Application.Sessions;
using CleanApp.Web.FunctionalTests.Infrastructure;

namespace CleanApp.Web.FunctionalTests.Features.Sessions;

/// <summary>Sessions over HTTP: refresh-token rotation and reuse detection, sign-out, the session list, revocation.</summary>
public abstract class SessionTests<TFixture>(TFixture api) : ApiTest<TFixture>(api)
    where TFixture : ApiFixture
{
    protected const string Email = "member@example.com";
    protected const string Password = "member-password";

    protected sealed record Pair(string Access, string? Refresh, JsonElement Body);

    protected async Task<Pair> SignInAsync(string userAgent = "test-agent/1.0")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Http.Url("/api/v1/login/access-token"))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = Email, ["password"] = Password }),
        };
        request.Headers.UserAgent.ParseAdd(userAgent);
        var response = await Api.Client().SendAsync(request, Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Read(await response.JsonAsync());
    }

    protected Task<HttpResponseMessage> RefreshAsync(string refreshToken) =>
        Api.Client().PostAsync(
            Http.Url("/api/v1/login/access-token"),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken }),
            Token);

    protected static Pair Read(JsonElement body) =>
        new(body.GetProperty("access_token").GetString()!, body.TryGetProperty("refresh_token", out var refresh) ? refresh.GetString() : null, body);

    protected Task<HttpResponseMessage> MeAsync(string access) => Api.Client(access).Get("/api/v1/users/me");

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await Api.CreateUserAsync(Email, Password);
    }

    [Fact]
    public async Task Sign_in_answers_a_refresh_token_and_a_refresh_rotates_it_for_a_new_pair()
    {
        var first = await SignInAsync();

        var refreshed = await RefreshAsync(first.Refresh!);
        var second = Read(await refreshed.JsonAsync());

        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.Equal("bearer", second.Body.GetProperty("token_type").GetString());
        Assert.NotEqual(first.Refresh, second.Refresh);
        Assert.NotEqual(first.Access, second.Access);
        Assert.Equal(HttpStatusCode.OK, (await MeAsync(second.Access)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await MeAsync(first.Access)).StatusCode); // the same session: still live
        Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(second.Refresh!)).StatusCode);
    }

    [Fact]
    public async Task A_spent_refresh_token_answers_invalid_grant_and_revokes_the_session_with_its_newest_tokens()
    {
        var first = await SignInAsync();
        var other = await SignInAsync("other-device");
        var second = Read(await (await RefreshAsync(first.Refresh!)).JsonAsync());
        await Api.AgeSessionsAsync(); // past the reuse interval: not a second tab any more, a replay

        var reuse = await RefreshAsync(first.Refresh!);
        var problem = await reuse.JsonAsync();

        Assert.Equal(HttpStatusCode.BadRequest, reuse.StatusCode);
        Assert.Equal("invalid_grant", problem.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await MeAsync(second.Access)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await MeAsync(first.Access)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await RefreshAsync(second.Refresh!)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await MeAsync(other.Access)).StatusCode); // another sign-in is another session
    }

    [Fact]
    public async Task A_spent_refresh_token_presented_again_within_the_reuse_interval_is_refused_and_the_newer_pair_goes_on_working()
    {
        var first = await SignInAsync();
        var second = Read(await (await RefreshAsync(first.Refresh!)).JsonAsync());

        var slowTab = await RefreshAsync(first.Refresh!);

        Assert.Equal(HttpStatusCode.BadRequest, slowTab.StatusCode);
        Assert.Equal("invalid_grant", (await slowTab.JsonAsync()).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.OK, (await MeAsync(second.Access)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(second.Refresh!)).StatusCode);
    }

    [Fact]
    public async Task A_forged_refresh_token_with_a_victims_session_id_revokes_nothing()
    {
        var victim = await SignInAsync();
        var sessionId = victim.Refresh![..32]; // what every access token's sid claim says too
        var forged = $"{sessionId}.{Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_')}";

        var attempts = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => RefreshAsync(forged)));
        await Api.AgeSessionsAsync();
        var later = await RefreshAsync(forged);

        Assert.All([.. attempts, later], a => Assert.Equal(HttpStatusCode.BadRequest, a.StatusCode));
        Assert.Equal(HttpStatusCode.OK, (await MeAsync(victim.Access)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(victim.Refresh)).StatusCode);
    }

    [Theory]
    [InlineData("not-a-refresh-token")]
    [InlineData("0000000000000000000000000000000a.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task An_unknown_refresh_token_answers_invalid_grant(string refreshToken)
    {
        var response = await RefreshAsync(refreshToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_grant", (await response.JsonAsync()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_refresh_grant_without_a_refresh_token_is_invalid_input_naming_it()
    {
        var response = await Api.Client().PostAsync(
            Http.Url("/api/v1/login/access-token"), new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "refresh_token" }), Token);

        Assert.Equal(Api.InvalidInputStatus, (int)response.StatusCode);
        Assert.Contains("refresh_token", (await response.ProblemAsync()).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_out_makes_the_access_and_refresh_tokens_stop_at_once()
    {
        var pair = await SignInAsync();

        var logout = await Api.Client(pair.Access).Post("/api/v1/logout");

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await MeAsync(pair.Access)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await RefreshAsync(pair.Refresh!)).StatusCode);
    }

    [Fact]
    public async Task The_session_list_shows_each_sign_in_and_revoking_one_leaves_the_other_working()
    {
        var phone = await SignInAsync("phone-agent");
        var laptop = await SignInAsync("laptop-agent");

        var list = await Api.Client(laptop.Access).Get("/api/v1/users/me/sessions").ReadAsync<List<SessionDto>>();
        var phoneSession = Assert.Single(list, s => s.UserAgent == "phone-agent");
        var revoke = await Api.Client(laptop.Access).Delete($"/api/v1/users/me/sessions/{phoneSession.Id}");
        var after = await Api.Client(laptop.Access).Get("/api/v1/users/me/sessions").ReadAsync<List<SessionDto>>();

        Assert.Equal(2, list.Count);
        Assert.True(Assert.Single(list, s => s.UserAgent == "laptop-agent").Current);
        Assert.False(phoneSession.Current);
        Assert.All(list, s => Assert.True(s.ExpiresAt > s.CreatedAt));
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await MeAsync(phone.Access)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await MeAsync(laptop.Access)).StatusCode);
        Assert.Equal("laptop-agent", Assert.Single(after).UserAgent);
    }

    [Fact]
    public async Task Another_users_session_cannot_be_revoked_it_answers_404()
    {
        var mine = await SignInAsync();
        await Api.CreateUserAsync("stranger@example.com", "stranger-password");
        var stranger = Api.Client(await Api.TokenAsync("stranger@example.com", "stranger-password"));
        var myId = Assert.Single(await Api.Client(mine.Access).Get("/api/v1/users/me/sessions").ReadAsync<List<SessionDto>>()).Id;

        var response = await stranger.Delete($"/api/v1/users/me/sessions/{myId}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await MeAsync(mine.Access)).StatusCode);
    }

    [Fact]
    public async Task A_superuser_revokes_every_session_of_a_user()
    {
        var one = await SignInAsync();
        var two = await SignInAsync();
        var id = (await (await MeAsync(one.Access)).JsonAsync()).GetProperty("id").GetGuid();

        var response = await (await Api.AdminAsync()).Delete($"/api/v1/users/{id}/sessions");
        var unknown = await (await Api.AdminAsync()).Delete($"/api/v1/users/{Guid.CreateVersion7()}/sessions");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await MeAsync(one.Access)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await MeAsync(two.Access)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await RefreshAsync(two.Refresh!)).StatusCode);
    }

    [Fact]
    public async Task A_password_reset_revokes_every_session()
    {
        var pair = await SignInAsync();
        await Api.Client().Post($"/api/v1/password-recovery/{Email}");
        var token = await Api.ResetTokenFromMailAsync();

        var reset = await Api.Client().PostJson("/api/v1/reset-password", new { token, newPassword = "brand-new-password" });

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await MeAsync(pair.Access)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await RefreshAsync(pair.Refresh!)).StatusCode);
    }

    [Fact]
    public async Task Deleting_a_user_ends_their_sessions()
    {
        var pair = await SignInAsync();

        Assert.Equal(HttpStatusCode.OK, (await Api.Client(pair.Access).Delete("/api/v1/users/me")).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await MeAsync(pair.Access)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await RefreshAsync(pair.Refresh!)).StatusCode);
    }

    [Fact]
    public async Task Concurrent_refreshes_with_one_token_let_one_through_and_the_winners_tokens_go_on_working()
    {
        var pair = await SignInAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => RefreshAsync(pair.Refresh!)));

        // Two tabs refreshing at once: one wins; the others are refused without signing the winner out (ADR 0015).
        var winner = Read(await Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK).JsonAsync());
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.OK), a => Assert.Equal(HttpStatusCode.BadRequest, a.StatusCode));
        Assert.Equal(HttpStatusCode.OK, (await MeAsync(winner.Access)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await MeAsync(pair.Access)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(winner.Refresh!)).StatusCode);
    }
}

public sealed class PostgresSessionTests(ApiFixture api) : SessionTests<ApiFixture>(api);

public sealed class SqliteSessionTests(SqliteApiFixture api) : SessionTests<SqliteApiFixture>(api);

/// <summary>The API with AUTH_REFRESH_COOKIE=true: the refresh token only in an HttpOnly cookie.</summary>
public sealed class RefreshCookieApiFixture : ApiFixture
{
    protected override Dictionary<string, string?> Settings => new() { ["AUTH_REFRESH_COOKIE"] = "true", ["BACKEND_CORS_ORIGINS"] = "http://other-frontend.test" };
}

public sealed class RefreshCookieTests(RefreshCookieApiFixture api) : ApiTest<RefreshCookieApiFixture>(api)
{
    private const string Email = "member@example.com";
    private const string Password = "member-password";

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await Api.CreateUserAsync(Email, Password);
    }

    private Task<HttpResponseMessage> MeAsync(string access) => Api.Client(access).Get("/api/v1/users/me");

    private Task<HttpResponseMessage> RefreshWithCookieAsync(string cookie, string? origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Http.Url("/api/v1/login/access-token"))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "refresh_token" }),
        };
        request.Headers.Add("Cookie", cookie);
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return Api.Client().SendAsync(request, Token);
    }

    private Task<HttpResponseMessage> SignInFromAsync(string? origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Http.Url("/api/v1/login/access-token"))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = Email, ["password"] = Password }),
        };
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return Api.Client().SendAsync(request, Token);
    }

    private async Task<(HttpResponseMessage Response, string Cookie)> CookieSignInAsync()
    {
        var response = await SignInFromAsync(ApiFixture.FrontendHost);
        var setCookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        return (response, setCookie.Split(';')[0]);
    }

    [Fact]
    public async Task Sign_in_sets_the_refresh_token_as_an_httponly_secure_strict_cookie_of_the_token_endpoint_and_not_in_the_body()
    {
        var (response, _) = await CookieSignInAsync();
        var setCookie = Assert.Single(response.Headers.GetValues("Set-Cookie")).ToLowerInvariant();
        var body = await response.JsonAsync();

        Assert.StartsWith("refresh_token=", setCookie, StringComparison.Ordinal);
        Assert.Contains("; httponly", setCookie, StringComparison.Ordinal);
        Assert.Contains("; secure", setCookie, StringComparison.Ordinal);
        Assert.Contains("; samesite=strict", setCookie, StringComparison.Ordinal);
        Assert.Contains("; path=/api/v1/login/access-token", setCookie, StringComparison.Ordinal);
        Assert.False(body.TryGetProperty("refresh_token", out _));
    }

    [Fact]
    public async Task A_refresh_with_the_cookie_from_the_frontends_origin_rotates_it_and_from_another_origin_is_refused_403()
    {
        var (_, cookie) = await CookieSignInAsync();

        var elsewhere = await RefreshWithCookieAsync(cookie, "http://evil.example");
        var noOrigin = await RefreshWithCookieAsync(cookie, null);
        var frontend = await RefreshWithCookieAsync(cookie, ApiFixture.FrontendHost);
        var rotated = Assert.Single(frontend.Headers.GetValues("Set-Cookie")).Split(';')[0];

        Assert.Equal(HttpStatusCode.Forbidden, elsewhere.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, noOrigin.StatusCode);
        Assert.Equal(HttpStatusCode.OK, frontend.StatusCode);
        Assert.NotEqual(cookie, rotated);
        Assert.Equal(HttpStatusCode.OK, (await MeAsync((await frontend.JsonAsync()).GetProperty("access_token").GetString()!)).StatusCode);
    }

    [Fact]
    public async Task A_sign_in_from_another_origin_or_none_is_refused_403_and_sets_no_cookie_so_a_cross_site_form_cannot_sign_the_victim_in()
    {
        var elsewhere = await SignInFromAsync("http://evil.example");
        var noOrigin = await SignInFromAsync(null);
        var corsOrigin = await SignInFromAsync("http://other-frontend.test");

        Assert.Equal(HttpStatusCode.Forbidden, elsewhere.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, noOrigin.StatusCode);
        Assert.False(elsewhere.Headers.Contains("Set-Cookie"));
        Assert.Equal(HttpStatusCode.OK, corsOrigin.StatusCode); // BACKEND_CORS_ORIGINS is the frontend's too
    }

    [Theory]
    [InlineData(ApiFixture.FrontendHost, true)]
    [InlineData("http://other-frontend.test", true)]
    [InlineData("http://evil.example", false)]
    public async Task The_preflight_of_a_credentialed_call_is_allowed_for_exactly_the_frontends_origins(string origin, bool allowed)
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, Http.Url("/api/v1/login/access-token"));
        preflight.Headers.Add("Origin", origin);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type");

        var response = await Api.Client().SendAsync(preflight, Token);

        Assert.Equal(allowed, response.Headers.TryGetValues("Access-Control-Allow-Origin", out var origins) && origins.Single() == origin);
        Assert.Equal(allowed, response.Headers.TryGetValues("Access-Control-Allow-Credentials", out var credentials) && credentials.Single() == "true");
    }

    [Fact]
    public async Task Sign_out_clears_the_cookie()
    {
        var (response, _) = await CookieSignInAsync();
        var access = (await response.JsonAsync()).GetProperty("access_token").GetString()!;

        var logout = await Api.Client(access).Post("/api/v1/logout");

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.Contains("expires=thu, 01 jan 1970", Assert.Single(logout.Headers.GetValues("Set-Cookie")).ToLowerInvariant(), StringComparison.Ordinal);
    }
}
