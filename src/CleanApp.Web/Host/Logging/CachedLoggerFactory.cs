using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CleanApp.Web.Host.Logging;

/// <summary>
/// One logger per category, created once. Serilog's logger factory builds a new logger (with its own context logger and
/// event-id cache) on every <c>CreateLogger</c> call, where the framework's own factory caches them; and some of ASP.NET
/// Core's per-request services ask for one every time (the bearer authentication handler, built for each request).
/// </summary>
internal sealed class CachedLoggerFactory(ILoggerFactory inner, bool ownsInner) : ILoggerFactory
{
    private readonly ConcurrentDictionary<string, ILogger> loggers = new(StringComparer.Ordinal);
    private readonly Func<string, ILogger> create = inner.CreateLogger;

    public ILogger CreateLogger(string categoryName) => loggers.GetOrAdd(categoryName, create);

    public void AddProvider(ILoggerProvider provider)
    {
        inner.AddProvider(provider);
        loggers.Clear();
    }

    public void Dispose()
    {
        if (ownsInner)
        {
            inner.Dispose();
        }
    }

    /// <summary>Wraps the logger factory registered last (Serilog's) in a <see cref="CachedLoggerFactory"/>.</summary>
    public static void Decorate(IServiceCollection services)
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(ILoggerFactory) && !d.IsKeyedService)
            ?? throw new InvalidOperationException("No logger factory is registered to cache the loggers of.");
        services.RemoveAll<ILoggerFactory>();
        services.AddSingleton<ILoggerFactory>(sp => registered switch
        {
            { ImplementationInstance: ILoggerFactory instance } => new CachedLoggerFactory(instance, ownsInner: false),
            { ImplementationFactory: { } factory } => new CachedLoggerFactory((ILoggerFactory)factory(sp), ownsInner: true),
            _ => new CachedLoggerFactory((ILoggerFactory)ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!), ownsInner: true),
        });
    }
}
