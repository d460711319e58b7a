using CleanApp.Infrastructure.Configuration;
using Npgsql;

namespace CleanApp.Testing;

/// <summary>
/// The PostgreSQL server the tests run against: the one build/test.sh started or was pointed at through
/// POSTGRES_SERVER, POSTGRES_PORT, POSTGRES_USER and POSTGRES_PASSWORD. Tests never use POSTGRES_DB: each
/// creates its own throwaway database.
/// </summary>
internal static class TestPostgres
{
    private static int counter;

    /// <summary>This run's id (from build/test.sh, or made up), part of every database name.</summary>
    public static readonly string RunId =
        Environment.GetEnvironmentVariable("CLEANAPP_TEST_RUN") is { Length: > 0 } run
            ? run.ToLowerInvariant()
            : "l" + Guid.NewGuid().ToString("N")[..8];

    public static NpgsqlConnectionStringBuilder Server()
    {
        var host = Environment.GetEnvironmentVariable("POSTGRES_SERVER");
        if (string.IsNullOrWhiteSpace(host))
        {
            throw new InvalidOperationException(
                "These tests need PostgreSQL. Run build/test.sh (it starts a throwaway server), or set POSTGRES_SERVER, " +
                "POSTGRES_PORT, POSTGRES_USER and POSTGRES_PASSWORD to a server the tests may create databases on.");
        }

        return new NpgsqlConnectionStringBuilder
        {
            Host = host,
            Port = int.TryParse(Environment.GetEnvironmentVariable("POSTGRES_PORT"), out var port) ? port : 5432,
            Username = Environment.GetEnvironmentVariable("POSTGRES_USER") ?? "postgres",
            Password = Environment.GetEnvironmentVariable("POSTGRES_PASSWORD"),
            Database = "postgres",
            Pooling = false,
        };
    }

    /// <summary>A name for a new database of this run; the database itself is not created.</summary>
    public static string NewDatabaseName(string purpose) =>
        $"cleanapp_{RunId}_{purpose}_{Interlocked.Increment(ref counter)}".ToLowerInvariant();

    /// <summary>Creates an empty database for one test (or class) and drops it again on dispose.</summary>
    public static async Task<TestDatabase> CreateDatabaseAsync(string purpose)
    {
        var name = NewDatabaseName(purpose);
        await ExecuteOnServerAsync($"CREATE DATABASE \"{name}\"");
        return new TestDatabase(name);
    }

    public static async Task ExecuteOnServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Server().ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>A database of one test run, dropped when disposed (it may not exist yet: migrate creates it).</summary>
internal sealed class TestDatabase(string name) : IThrowawayDatabase
{
    public string Name { get; } = name;

    public string ConnectionString => new NpgsqlConnectionStringBuilder(TestPostgres.Server().ConnectionString) { Database = Name }.ConnectionString;

    public DatabaseSettings Settings => new(DatabaseProvider.Postgres, ConnectionString);

    /// <summary>The app's settings that point at this database.</summary>
    public Dictionary<string, string?> AppSettings()
    {
        var server = TestPostgres.Server();
        return new()
        {
            ["DATABASE_PROVIDER"] = "postgres",
            ["POSTGRES_SERVER"] = server.Host,
            ["POSTGRES_PORT"] = server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["POSTGRES_USER"] = server.Username,
            ["POSTGRES_PASSWORD"] = server.Password,
            ["POSTGRES_DB"] = Name,
        };
    }

    public static TestDatabase Named(string name) => new(name);

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await TestPostgres.ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
    }
}
