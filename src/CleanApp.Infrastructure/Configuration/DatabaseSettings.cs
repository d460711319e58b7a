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

    public static DatabaseSettings FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var provider = ReadProvider(configuration);
        return provider == DatabaseProvider.Postgres
            ? new(provider, PostgresConnectionString(configuration))
            : new(provider, SqliteConnectionString(configuration));
    }

    /// <summary>Where the data lives, for messages: never includes the password.</summary>
    public string Describe()
    {
        if (Provider == DatabaseProvider.Postgres)
        {
            var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
            return $"PostgreSQL database '{builder.Database}' at {builder.Host}:{builder.Port} (user '{builder.Username}')";
        }

        return $"SQLite database at {new SqliteConnectionStringBuilder(ConnectionString).DataSource}";
    }

    private static DatabaseProvider ReadProvider(IConfiguration configuration)
    {
        var value = configuration["DATABASE_PROVIDER"];
        if (string.IsNullOrWhiteSpace(value))
        {
            return string.IsNullOrWhiteSpace(configuration["POSTGRES_SERVER"]) ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres;
        }

        return value.Trim().ToUpperInvariant() switch
        {
            "SQLITE" => DatabaseProvider.Sqlite,
            "POSTGRES" or "POSTGRESQL" => DatabaseProvider.Postgres,
            _ => throw new InvalidSettingException(
                "DATABASE_PROVIDER", $"'{value}' is not a supported database.", "Set it to 'sqlite' or 'postgres' in .env or the environment."),
        };
    }

    private static string PostgresConnectionString(IConfiguration configuration)
    {
        var portText = configuration["POSTGRES_PORT"];
        var port = 5432;
        if (!string.IsNullOrWhiteSpace(portText) && (!int.TryParse(portText, out port) || port is < 1 or > 65535))
        {
            throw new InvalidSettingException("POSTGRES_PORT", $"'{portText}' is not a TCP port.", "Set it to a number between 1 and 65535 (PostgreSQL's default is 5432).");
        }

        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = Value(configuration, "POSTGRES_SERVER", "localhost"),
            Port = port,
            Username = Value(configuration, "POSTGRES_USER", "postgres"),
            Password = configuration["POSTGRES_PASSWORD"],
            Database = Value(configuration, "POSTGRES_DB", "app"),
        };
        return builder.ConnectionString;
    }

    private static string SqliteConnectionString(IConfiguration configuration)
    {
        var path = Path.GetFullPath(Value(configuration, "SQLITE_PATH", DefaultSqlitePath));
        return new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ConnectionString;
    }

    private static string Value(IConfiguration configuration, string key, string fallback)
    {
        var value = configuration[key];
        return string.IsNullOrWhiteSpace(value) ? fallback : value.Trim();
    }
}
