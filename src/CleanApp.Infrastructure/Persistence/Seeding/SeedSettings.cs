using Microsoft.Extensions.Configuration;

namespace CleanApp.Infrastructure.Persistence.Seeding;

/// <summary>
/// What <c>db seed</c> creates: the first superuser (<c>FIRST_SUPERUSER</c>, <c>FIRST_SUPERUSER_PASSWORD</c>) and,
/// when <c>SEED_SAMPLE_DATA</c> is true (the default in Development only), sample users and items.
/// </summary>
public sealed record SeedSettings(string FirstSuperuser, string FirstSuperuserPassword, bool SampleData)
{
    public const string DefaultFirstSuperuser = "admin@example.com";
    public const string DefaultFirstSuperuserPassword = "changethis";

    public static SeedSettings FromConfiguration(IConfiguration configuration, bool isDevelopment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var sampleData = configuration["SEED_SAMPLE_DATA"];
        return new SeedSettings(
            Or(configuration["FIRST_SUPERUSER"], DefaultFirstSuperuser),
            Or(configuration["FIRST_SUPERUSER_PASSWORD"], DefaultFirstSuperuserPassword),
            string.IsNullOrWhiteSpace(sampleData) ? isDevelopment : Configuration.SettingParser.Boolean("SEED_SAMPLE_DATA", sampleData));
    }

    private static string Or(string? value, string fallback) => string.IsNullOrWhiteSpace(value) ? fallback : value.Trim();
}
