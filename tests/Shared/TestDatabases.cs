using CleanApp.Infrastructure.Configuration;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;

namespace CleanApp.Testing;

/// <summary>A database that exists for one test (or one test class) and is gone afterwards.</summary>
internal interface IThrowawayDatabase : IAsyncDisposable
{
    DatabaseSettings Settings { get; }

    /// <summary>The app's settings (DATABASE_PROVIDER, POSTGRES_* or SQLITE_PATH) that point at this database.</summary>
    Dictionary<string, string?> AppSettings();
}

internal static class TestDatabases
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Postgres, DatabaseProvider.Sqlite];

    /// <summary>
    /// A name for a new, not yet created database of the given provider: migrating creates it, disposing drops it.
    /// </summary>
    public static IThrowawayDatabase New(DatabaseProvider provider, string purpose) =>
        provider == DatabaseProvider.Postgres
            ? TestDatabase.Named(TestPostgres.NewDatabaseName(purpose))
            : new SqliteTestDatabase(Path.Combine(Path.GetTempPath(), $"{TestPostgres.NewDatabaseName(purpose)}.db"));
}

internal sealed class SqliteTestDatabase(string path) : IThrowawayDatabase
{
    public string Path { get; } = path;

    public DatabaseSettings Settings => DatabaseSettings.FromConfiguration(
        new ConfigurationBuilder().AddInMemoryCollection(AppSettings()).Build());

    public Dictionary<string, string?> AppSettings() => new() { ["DATABASE_PROVIDER"] = "sqlite", ["SQLITE_PATH"] = Path };

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
        {
            File.Delete(Path + suffix);
        }

        return ValueTask.CompletedTask;
    }
}
