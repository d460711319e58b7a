using System.Net;
using CleanApp.Testing;
using CleanApp.Web.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CleanApp.Web.FunctionalTests.Operations;

/// <summary>Every request arrives from 127.0.0.1, as from a proxy on the same host (the in-memory server has no address).</summary>
internal sealed class FromLoopback : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((HttpContext context, RequestDelegate nextStep) =>
        {
            context.Connection.RemoteIpAddress = IPAddress.Loopback;
            return nextStep(context);
        });
        next(app);
    };
}

/// <summary>The app behind a proxy it trusts (FORWARDED_ALLOW_IPS=127.0.0.1), three sign-in attempts a minute.</summary>
public sealed class TrustedProxyFixture : ApiFixture
{
    protected override Dictionary<string, string?> Settings => new() { ["FORWARDED_ALLOW_IPS"] = "127.0.0.1", ["AUTH_RATE_LIMIT_PER_MINUTE"] = "3" };

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddTransient<IStartupFilter, FromLoopback>();
}

/// <summary>The same, with FORWARDED_ALLOW_IPS unset: no sender's forwarded headers are believed.</summary>
public sealed class UntrustedProxyFixture : ApiFixture
{
    protected override Dictionary<string, string?> Settings => new() { ["AUTH_RATE_LIMIT_PER_MINUTE"] = "3" };

    protected override void ConfigureServices(IServiceCollection services) => services.AddTransient<IStartupFilter, FromLoopback>();
}

public sealed class TrustedProxyTests(TrustedProxyFixture api) : ApiTest<TrustedProxyFixture>(api)
{
    [Fact]
    public async Task Behind_a_trusted_proxy_each_client_it_names_has_its_own_sign_in_budget()
    {
        await RateLimitWindow.AwayFromItsEndAsync();
        Assert.Equal("200 200 200 429", string.Join(' ', await SignInsAsync(Api, "203.0.113.10", 4)));
        Assert.Equal("200 200 200 429", string.Join(' ', await SignInsAsync(Api, "203.0.113.11", 4))); // another client: a budget of its own
    }

    [Fact]
    public async Task The_request_log_names_the_client_the_proxy_names()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/utils/health-check");
        request.Headers.Add("X-Forwarded-For", "203.0.113.20");

        await Api.Client().SendAsync(request, Token);

        await Eventually.TrueAsync(
            () => Api.Log.Messages.Any(m => m.Contains("/api/v1/utils/health-check", StringComparison.Ordinal) && m.Contains("203.0.113.20", StringComparison.Ordinal)),
            "the request's log line naming the forwarded client");
    }

    /// <summary>Sign-in attempts (with the right password) as the client the proxy names; the status of each.</summary>
    internal static async Task<int[]> SignInsAsync(ApiFixture api, string client, int count)
    {
        var statuses = new List<int>();
        for (var i = 0; i < count; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/login/access-token")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = ApiFixture.AdminEmail, ["password"] = ApiFixture.AdminPassword }),
            };
            request.Headers.Add("X-Forwarded-For", client);
            statuses.Add((int)(await api.Client().SendAsync(request, TestContext.Current.CancellationToken)).StatusCode);
        }

        return [.. statuses];
    }
}

public sealed class UntrustedProxyTests(UntrustedProxyFixture api) : ApiTest<UntrustedProxyFixture>(api)
{
    [Fact]
    public async Task Without_trusted_proxies_a_forwarded_address_changes_nothing_every_sender_shares_its_connections_budget()
    {
        await RateLimitWindow.AwayFromItsEndAsync();
        Assert.Equal("200 200 200", string.Join(' ', await TrustedProxyTests.SignInsAsync(Api, "203.0.113.30", 3)));
        Assert.Equal("429", string.Join(' ', await TrustedProxyTests.SignInsAsync(Api, "203.0.113.31", 1)));
    }
}
