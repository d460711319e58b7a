using Microsoft.Extensions.Configuration;

namespace CleanApp.Infrastructure.Configuration;

/// <summary>When a group of settings must be valid: for every command, or only to serve HTTP.</summary>
public enum SettingsScope
{
    Always,
    Serving,
}

/// <summary>A settings record the start-up check reads, so a malformed value stops the app before it does anything.</summary>
public sealed record RegisteredSettings(Type Type, SettingsScope Scope);

public static class SettingsRegistration
{
    /// <summary>
    /// Registers a settings record, read once through <see cref="SettingReader"/>, and enrols it in the start-up
    /// check: there is no separate list of what to check, so a new setting cannot be missed.
    /// </summary>
    public static IServiceCollection AddSettings<T>(
        this IServiceCollection services, Func<SettingReader, IServiceProvider, T> read, SettingsScope scope = SettingsScope.Always)
        where T : class
    {
        services.AddSingleton(sp => read(new SettingReader(sp.GetRequiredService<IConfiguration>()), sp));
        services.AddSingleton(new RegisteredSettings(typeof(T), scope));
        return services;
    }

    /// <summary>Reads every registered settings record of the scope; the first malformed value throws.</summary>
    public static void ReadAll(IServiceProvider services, bool serving)
    {
        foreach (var settings in services.GetServices<RegisteredSettings>())
        {
            if (serving || settings.Scope == SettingsScope.Always)
            {
                services.GetRequiredService(settings.Type);
            }
        }
    }
}
