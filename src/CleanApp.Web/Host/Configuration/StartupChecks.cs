using CleanApp.Infrastructure.Email;
using CleanApp.Infrastructure.Persistence;
using CleanApp.Infrastructure.Persistence.Seeding;

namespace CleanApp.Web.Host.Configuration;

/// <summary>
/// Reads every registered setting once at start (<see cref="SettingsRegistration"/>), so a malformed one stops the app
/// with its message before it does anything, and
/// refuses secrets left at the placeholder outside Development (in Development it only warns).
/// </summary>
internal static partial class StartupChecks
{
    public const string Placeholder = "changethis";

    public static void Run(IServiceProvider services, IHostEnvironment environment, ILogger logger, bool serving)
    {
        SettingsRegistration.ReadAll(services, serving);

        var settings = new SettingReader(services.GetRequiredService<IConfiguration>());
        var secrets = new List<(string Setting, string? Value)>
        {
            ("FIRST_SUPERUSER_PASSWORD", services.GetRequiredService<SeedSettings>().FirstSuperuserPassword),
            ("SMTP_PASSWORD", services.GetRequiredService<EmailSettings>().Password),
        };
        secrets.AddRange(services.GetRequiredService<DatabaseProviderModule>().SecretSettings.Select(setting => (setting, settings.Secret(setting))));

        if (serving)
        {
            secrets.Add(("SECRET_KEY", settings.Secret("SECRET_KEY")));
        }

        foreach (var (setting, value) in secrets.Where(s => s.Value == Placeholder))
        {
            if (!environment.IsDevelopment())
            {
                throw new InvalidSettingException(setting, $"is still \"{Placeholder}\".", $"Set it to a secret of your own before running in {environment.EnvironmentName}.");
            }

            LogPlaceholder(logger, setting, Placeholder);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The value of {Setting} is \"{Placeholder}\"; change it before deploying (outside Development the app refuses to start with it)")]
    private static partial void LogPlaceholder(ILogger logger, string setting, string placeholder);
}
