using CleanApp.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CleanApp.Infrastructure.IntegrationTests;

/// <summary>The Infrastructure layer wired as the app wires it, pointed at a throwaway database.</summary>
internal static class InfrastructureServices
{
    public static ServiceProvider For(
        IThrowawayDatabase database, bool isDevelopment = true, Dictionary<string, string?>? extra = null, TimeProvider? clock = null,
        Action<IServiceCollection>? configure = null)
    {
        var settings = database.AppSettings();
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        if (clock is not null)
        {
            services.AddSingleton(clock);
        }

        configure?.Invoke(services);
        return services.AddInfrastructure(isDevelopment).BuildServiceProvider(validateScopes: true);
    }

    public static async Task<T> InScopeAsync<TService, T>(this ServiceProvider services, Func<TService, Task<T>> action)
        where TService : notnull
    {
        await using var scope = services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
    }
}

/// <summary>A clock the test moves by hand.</summary>
internal sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
