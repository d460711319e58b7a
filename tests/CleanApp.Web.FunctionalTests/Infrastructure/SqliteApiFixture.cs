using CleanApp.Infrastructure.Configuration;
using CleanApp.Testing;

namespace CleanApp.Web.FunctionalTests.Infrastructure;

/// <summary>The API on an embedded SQLite database of its own (the zero-setup provider), otherwise as <see cref="ApiFixture"/>.</summary>
public sealed class SqliteApiFixture : ApiFixture
{
    private protected override Task<IThrowawayDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabases.New(DatabaseProvider.Sqlite, "api"));
}
