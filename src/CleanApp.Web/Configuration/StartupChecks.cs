using CleanApp.Infrastructure.Configuration;
using CleanApp.Infrastructure.Email;
using CleanApp.Infrastructure.Persistence.Seeding;

namespace CleanApp.Web.Configuration;

/// <summary>
/// Reads every setting once at start, so a wrong one stops the app with its message before it serves, and
/// refuses secrets left at the placeholder outside Development (in Development it only warns).
/// </summary>
internal static partial class StartupChecks
{
    public const string Placeholder = "changethis";

    public static void Run(IServiceProvider services, IHostEnvironment environment, ILogger logger, bool serving)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        var database = services.GetRequiredService<DatabaseSettings>();
        var seed = services.GetRequiredService<SeedSettings>();
        services.GetRequiredService<EmailSettings>();

        var secrets = new List<(string Setting, string? Value)>
        {
            ("FIRST_SUPERUSER_PASSWORD", seed.FirstSuperuserPassword),
            ("SMTP_PASSWORD", configuration["SMTP_PASSWORD"]),
        };
        if (database.Provider == DatabaseProvider.Postgres)
        {
            secrets.Add(("POSTGRES_PASSWORD", configuration["POSTGRES_PASSWORD"]));
        }

        if (serving)
        {
            services.GetRequiredService<SecuritySettings>();
            services.GetRequiredService<RateLimitSettings>();
            services.GetRequiredService<Application.Common.ApplicationSettings>();
            secrets.Add(("SECRET_KEY", configuration["SECRET_KEY"]));
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
