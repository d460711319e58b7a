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

    public static SeedSettings FromConfiguration(IConfiguration configuration, bool isDevelopment) =>
        Read(new SettingReader(configuration), isDevelopment);

    public static SeedSettings Read(SettingReader settings, bool isDevelopment) =>
        new(
            settings.Email("FIRST_SUPERUSER", DefaultFirstSuperuser),
            settings.Secret("FIRST_SUPERUSER_PASSWORD") ?? DefaultFirstSuperuserPassword,
            settings.Flag("SEED_SAMPLE_DATA", isDevelopment));
}
