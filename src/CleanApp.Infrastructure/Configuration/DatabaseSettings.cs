using CleanApp.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace CleanApp.Infrastructure.Configuration;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Which database the app uses, read from the flat settings of .env / the environment:
/// <c>DATABASE_PROVIDER</c> (sqlite | postgres; postgres when unset but <c>POSTGRES_SERVER</c> is set),
/// the seed's <c>POSTGRES_*</c> variables, and <c>SQLITE_PATH</c>.
/// </summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    public const string DefaultSqlitePath = "cleanapp.db";

    public static DatabaseSettings FromConfiguration(IConfiguration configuration) => Read(new SettingReader(configuration));

    public static DatabaseSettings Read(SettingReader settings)
    {
        var provider = settings.Choice(
            "DATABASE_PROVIDER",
            settings.Text("POSTGRES_SERVER") is null ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres,
            Providers);
        return provider == DatabaseProvider.Postgres
            ? new(provider, PostgresConnectionString(settings))
            : new(provider, SqliteConnectionString(settings));
    }

    /// <summary>Where the data lives, for messages (never with the password), as the provider's module tells it.</summary>
    public string Describe() => DatabaseProviderModule.For(this).Describe();

    private static readonly Dictionary<string, DatabaseProvider> Providers = new()
    {
        ["SQLITE"] = DatabaseProvider.Sqlite,
        ["POSTGRES"] = DatabaseProvider.Postgres,
        ["POSTGRESQL"] = DatabaseProvider.Postgres,
    };

    private static string PostgresConnectionString(SettingReader settings) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = settings.Text("POSTGRES_SERVER", "localhost"),
            Port = settings.Port("POSTGRES_PORT", 5432, "PostgreSQL's default is 5432"),
            Username = settings.Text("POSTGRES_USER", "postgres"),
            Password = settings.Secret("POSTGRES_PASSWORD"),
            Database = settings.Text("POSTGRES_DB", "app"),
            // Statements the app runs again and again (the token's user, a page) are prepared on each connection
            // after their second use, so PostgreSQL stops planning them per request (docs/performance.md).
            MaxAutoPrepare = 32,
            AutoPrepareMinUsages = 2,
            // ... and plan them once: a prepared statement's generic plan, not a new plan per execution for its values.
            // The app's queries are key lookups and index ranges, whose best plan does not depend on the values; per
            // value, PostgreSQL would re-plan every time (planning cost more than running), and for an owner of most of
            // the table it would walk the newest-first index of everyone's items (docs/performance.md).
            Options = "-c plan_cache_mode=force_generic_plan",
            // A database that accepts connections but does not answer fails a request within these bounds (a 503),
            // instead of holding it and its connection.
            Timeout = settings.WholeNumber("POSTGRES_CONNECT_TIMEOUT", 5, "seconds"),
            CommandTimeout = settings.WholeNumber("POSTGRES_COMMAND_TIMEOUT", 15, "seconds"),
        }.ConnectionString;

    private static string SqliteConnectionString(SettingReader settings) =>
        new SqliteConnectionStringBuilder { DataSource = Path.GetFullPath(settings.Text("SQLITE_PATH", DefaultSqlitePath)), Pooling = false }.ConnectionString;
}
