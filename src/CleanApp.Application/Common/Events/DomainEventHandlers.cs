using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace CleanApp.Application.Common.Events;

/// <summary>
/// Every <see cref="IDomainEventHandler{TEvent}"/> of the application, by event type, found once at start. The outbox
/// writes one message per handler of an event (none for an event nobody handles), and the dispatcher runs the one its
/// message names; event and handler types are known by name only from this list, never loaded from what a row says.
/// </summary>
public sealed class DomainEventHandlers
{
    // Plain dictionaries: a handful of entries, looked up once per event saved or message run. A frozen one cost a start
    // about 20 ms (its construction analyses the keys, and its generic code over these types is compiled then).
    private readonly Dictionary<Type, string[]> byEvent;
    private readonly Dictionary<string, (Type Event, Type Handler)> byName;

    private DomainEventHandlers(IEnumerable<(Type Event, Type Handler)> pairs)
    {
        var list = pairs.ToList();
        byEvent = list.GroupBy(p => p.Event).ToDictionary(g => g.Key, g => g.Select(p => NameOf(p.Handler)).Order(StringComparer.Ordinal).ToArray());
        byName = list.ToDictionary(p => NameOf(p.Handler) + "|" + NameOf(p.Event), p => p, StringComparer.Ordinal);
    }

    /// <summary>The handlers' names for an event of this type (empty when nobody handles it).</summary>
    public IReadOnlyList<string> For(Type eventType) => byEvent.TryGetValue(eventType, out var names) ? names : [];

    /// <summary>The event and handler types of a message, if this application still knows them.</summary>
    public bool TryResolve(string eventType, string handler, out Type eventClass, out Type handlerClass)
    {
        var found = byName.TryGetValue(handler + "|" + eventType, out var pair);
        (eventClass, handlerClass) = found ? pair : (typeof(object), typeof(object));
        return found;
    }

    /// <summary>A type's name as messages store it: stable across builds (no assembly version).</summary>
    public static string NameOf(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.FullName ?? type.Name;
    }

    internal static DomainEventHandlers Register(IServiceCollection services, Assembly assembly)
    {
        var pairs = assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false })
            .SelectMany(t => t.GetInterfaces()
                .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDomainEventHandler<>))
                .Select(i => (Event: i.GetGenericArguments()[0], Handler: t)))
            .ToList();
        foreach (var handler in pairs.Select(p => p.Handler).Distinct()) // a class may handle several events
        {
            services.AddScoped(handler);
        }

        return new DomainEventHandlers(pairs);
    }

    /// <summary>For a test's own handlers.</summary>
    public static DomainEventHandlers Of(params (Type Event, Type Handler)[] pairs) => new(pairs);
}
