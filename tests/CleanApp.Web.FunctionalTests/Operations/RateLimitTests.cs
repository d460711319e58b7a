using System.Net;
using CleanApp.Web.FunctionalTests.Infrastructure;

namespace CleanApp.Web.FunctionalTests.Operations;

/// <summary>
/// Budgets are counted per minute of the clock (shared by every instance): a test that spends one starts well inside
/// a minute, so the window does not turn over in the middle of it.
/// </summary>
internal static class RateLimitWindow
{
    public static async Task AwayFromItsEndAsync()
    {
        var second = DateTime.UtcNow.Second;
        if (second >= 50)
        {
            await Task.Delay(TimeSpan.FromSeconds(61 - second), TestContext.Current.CancellationToken);
        }
    }
}

/// <summary>The API with a small limit on the sign-in and recovery endpoints.</summary>
public sealed class RateLimitedApiFixture : ApiFixture
{
    protected override Dictionary<string, string?> Settings => new() { ["AUTH_RATE_LIMIT_PER_MINUTE"] = "3" };
}

public class RateLimitTests(RateLimitedApiFixture api) : ApiTest<RateLimitedApiFixture>(api)
{
    [Fact]
    public async Task Sign_in_recovery_and_password_change_answer_429_past_the_shared_limit_while_other_routes_do_not()
    {
        await RateLimitWindow.AwayFromItsEndAsync();
        var signedIn = await Api.AdminAsync(); // the first of the three
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 2; i++)
        {
            statuses.Add((await Api.LoginAsync("nobody@example.com", "password-" + i)).StatusCode);
        }

        var limited = await Api.LoginAsync(ApiFixture.AdminEmail, ApiFixture.AdminPassword);
        var recovery = await Api.Client().Post("/api/v1/password-recovery/nobody@example.com");
        var reset = await Api.Client().PostJson("/api/v1/reset-password", new { token = "x", newPassword = "long-enough" });
        var passwordChange = await signedIn.PatchJson("/api/v1/users/me/password", new { currentPassword = "wrong-password", newPassword = "long-enough" });
        var open = await Api.Client().Get("/api/v1/utils/health-check");
        var me = await signedIn.Get("/api/v1/users/me");

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.BadRequest, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(429, (await limited.ProblemAsync()).Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, recovery.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, reset.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, passwordChange.StatusCode);
        Assert.Equal(HttpStatusCode.OK, open.StatusCode);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }
}

public class SharedRateLimitTests(RateLimitedApiFixture api) : ApiTest<RateLimitedApiFixture>(api)
{
    [Fact]
    public async Task Two_instances_on_one_database_give_a_client_one_budget_not_two()
    {
        await RateLimitWindow.AwayFromItsEndAsync();
        await using var second = Api.NewInstance();
        var instances = new[] { Api.Factory, second };

        var statuses = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            // Round robin, as a load balancer sends them.
            using var client = instances[i % 2].CreateClient();
            var response = await client.PostAsync(
                new Uri("/api/v1/login/access-token", UriKind.Relative),
                new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = ApiFixture.AdminEmail, ["password"] = ApiFixture.AdminPassword }),
                Token);
            statuses.Add((int)response.StatusCode);
        }

        Assert.Equal("200 200 200 429 429", string.Join(' ', statuses));
    }
}

public class CorsTests(ApiFixture api) : ApiTest<ApiFixture>(api)
{
    [Theory]
    [InlineData(ApiFixture.FrontendHost, true)]
    [InlineData("http://evil.test", false)]
    public async Task Only_the_frontend_host_may_call_from_a_browser(string origin, bool allowed)
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, new Uri("/api/v1/items", UriKind.Relative));
        preflight.Headers.Add("Origin", origin);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");

        var response = await Api.Client().SendAsync(preflight, Token);

        Assert.Equal(allowed, response.Headers.TryGetValues("Access-Control-Allow-Origin", out var origins) && origins.Single() == origin);
    }
}
