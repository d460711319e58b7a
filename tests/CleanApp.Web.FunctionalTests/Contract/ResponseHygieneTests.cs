using System.Net;
using CleanApp.Web.FunctionalTests.Infrastructure;

namespace CleanApp.Web.FunctionalTests.Contract;

public sealed class ResponseHygieneTests(ApiFixture api) : ApiTest<ApiFixture>(api)
{
    [Fact]
    public async Task Api_answers_errors_included_are_never_cached_or_sniffed_and_leak_no_referrer()
    {
        var admin = await Api.AdminAsync();

        foreach (var response in new[]
                 {
                     await admin.Get("/api/v1/users/me"),
                     await Api.LoginAsync(ApiFixture.AdminEmail, ApiFixture.AdminPassword), // a token
                     await Api.Client().Get("/api/v1/users/me"), // 401
                     await admin.Get("/api/v1/items/not-an-id"), // 400 from the exception handler
                 })
        {
            Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        }

        var live = await Api.Client().Get("/health/live");
        Assert.Equal("nosniff", live.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Https_is_neither_forced_nor_announced_by_default_since_tls_usually_ends_at_the_proxy()
    {
        var response = await Api.Client().Get("/api/v1/utils/health-check");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }
}

public sealed class HttpsRedirectFixture : ApiFixture
{
    protected override Dictionary<string, string?> Settings => new() { ["HTTPS_REDIRECT"] = "true" };
}

public sealed class HttpsRedirectTests(HttpsRedirectFixture api) : ApiTest<HttpsRedirectFixture>(api)
{
    [Fact]
    public async Task With_HTTPS_REDIRECT_plain_http_is_redirected_to_https_and_https_answers_carry_hsts()
    {
        var plain = Api.Factory.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("http://api.example.com") });
        var redirected = await plain.Get("/api/v1/utils/health-check");
        Assert.Equal(HttpStatusCode.TemporaryRedirect, redirected.StatusCode);
        Assert.Equal("https://api.example.com/api/v1/utils/health-check", redirected.Headers.Location?.AbsoluteUri);

        var secure = Api.Factory.CreateClient(new() { BaseAddress = new Uri("https://api.example.com") });
        var answered = await secure.Get("/api/v1/utils/health-check");
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.StartsWith("max-age=", answered.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
    }
}
