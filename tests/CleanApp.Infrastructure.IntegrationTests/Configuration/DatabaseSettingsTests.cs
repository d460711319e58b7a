using CleanApp.Infrastructure.Configuration;
using CleanApp.Infrastructure.Persistence.Seeding;
using Microsoft.Extensions.Configuration;

namespace CleanApp.Infrastructure.IntegrationTests.Configuration;

public class DatabaseSettingsTests
{
    /// <summary>Reads the settings from the given pairs; a later pair overrides an earlier one with the same key.</summary>
    private static DatabaseSettings Read(params (string Key, string Value)[] values) =>
        DatabaseSettings.FromConfiguration(new ConfigurationBuilder()
            .AddInMemoryCollection(values.GroupBy(v => v.Key).Select(g => KeyValuePair.Create(g.Key, (string?)g.Last().Value)))
            .Build());

    [Fact]
    public void With_no_settings_the_app_uses_a_local_sqlite_file()
    {
        var settings = Read();

        Assert.Equal(DatabaseProvider.Sqlite, settings.Provider);
        Assert.Contains(Path.GetFullPath(DatabaseSettings.DefaultSqlitePath), settings.ConnectionString, StringComparison.Ordinal);
    }

    [Fact]
    public void The_seeds_postgres_variables_alone_select_postgres()
    {
        var settings = Read(("POSTGRES_SERVER", "db.internal"), ("POSTGRES_PORT", "6543"), ("POSTGRES_USER", "app"),
            ("POSTGRES_PASSWORD", "s3cret"), ("POSTGRES_DB", "appdb"));

        Assert.Equal(DatabaseProvider.Postgres, settings.Provider);
        Assert.Equal("PostgreSQL database 'appdb' at db.internal:6543 (user 'app')", settings.Describe());
    }

    [Fact]
    public void An_explicit_provider_wins_over_the_inference()
    {
        Assert.Equal(DatabaseProvider.Sqlite, Read(("DATABASE_PROVIDER", "SQLite"), ("POSTGRES_SERVER", "db")).Provider);
        Assert.Equal(DatabaseProvider.Postgres, Read(("DATABASE_PROVIDER", "postgres")).Provider);
    }

    [Theory]
    [InlineData("DATABASE_PROVIDER", "mysql")]
    [InlineData("POSTGRES_PORT", "fivefourthreetwo")]
    [InlineData("POSTGRES_PORT", "70000")]
    public void A_wrong_setting_is_refused_with_a_message_naming_it_and_the_fix(string key, string value)
    {
        var error = Assert.Throws<InvalidSettingException>(() => Read(("DATABASE_PROVIDER", key == "DATABASE_PROVIDER" ? value : "postgres"), (key, value)));

        Assert.Equal(key, error.Setting);
        Assert.Contains(value, error.Message, StringComparison.Ordinal);
        Assert.Contains("Set it to", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sample_data_follows_the_environment_unless_set_and_a_wrong_value_names_the_setting()
    {
        var empty = new ConfigurationBuilder().Build();
        var off = new ConfigurationBuilder().AddInMemoryCollection([KeyValuePair.Create("SEED_SAMPLE_DATA", (string?)"false")]).Build();
        var wrong = new ConfigurationBuilder().AddInMemoryCollection([KeyValuePair.Create("SEED_SAMPLE_DATA", (string?)"maybe")]).Build();

        Assert.True(SeedSettings.FromConfiguration(empty, isDevelopment: true).SampleData);
        Assert.False(SeedSettings.FromConfiguration(empty, isDevelopment: false).SampleData);
        Assert.False(SeedSettings.FromConfiguration(off, isDevelopment: true).SampleData);
        Assert.Equal("SEED_SAMPLE_DATA", Assert.Throws<InvalidSettingException>(() => SeedSettings.FromConfiguration(wrong, true)).Setting);
    }
}
