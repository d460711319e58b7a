using CleanApp.Testing;

namespace CleanApp.ArchitectureTests;

/// <summary>
/// The database provider is chosen once: only where the setting is read and where its module is picked is the
/// provider compared; every other part of the app asks the module (Persistence/Postgres, Persistence/Sqlite), and SQL
/// is written only there (and in the migrations).
/// </summary>
public class ProviderModuleTests
{
    private static readonly List<(string Path, string Text)> Sources =
        [.. Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                           && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(path => (Path.GetRelativePath(RepositoryPaths.Root, path).Replace('\\', '/'), File.ReadAllText(path)))];

    [Fact]
    public void Sql_is_written_only_in_the_provider_modules_and_the_migrations()
    {
        Assert.Contains(Sources, source => source.Path.EndsWith("/Postgres/PostgresReads.cs", StringComparison.Ordinal));
        var outside = Rules.SqlOutsideProviderModules(Sources);
        Assert.True(outside.Count == 0, string.Join('\n', outside));
        Assert.NotEmpty(Rules.SqlOutsideProviderModules(Sources.Where(source => source.Path.Contains("/Persistence/Postgres/", StringComparison.Ordinal))
            .Select(source => (source.Path.Replace("/Persistence/Postgres/", "/Persistence/", StringComparison.Ordinal), source.Text))));
    }

    [Theory]
    [InlineData("private const string Sql = \"SELECT id FROM items WHERE owner_id = $1\";")]
    [InlineData("await db.Database.ExecuteSqlRawAsync($\"TRUNCATE {table}\", token);")]
    [InlineData("var rows = db.Database.SqlQueryRaw<int>(query);")]
    [InlineData("command.CommandText = \"DELETE FROM rate_limit_counters WHERE window_start < $1\";")]
    public void The_sql_rule_catches_sql_anywhere_else(string line)
    {
        Assert.Single(Rules.SqlOutsideProviderModules([("src/CleanApp.Web/Canary.cs", line)]));
        Assert.Empty(Rules.SqlOutsideProviderModules([("src/CleanApp.Infrastructure/Persistence/Sqlite/Canary.cs", line)]));
        Assert.Empty(Rules.SqlOutsideProviderModules([("src/CleanApp.Web/Fine.cs", "route.WithSummary(\"Create an account\"); logger.LogInformation(\"Selected {Count} items\", count);")]));
    }

    [Fact]
    public void The_drivers_are_named_only_in_the_provider_modules_the_migrations_and_the_settings()
    {
        Assert.Contains(Sources, source => source.Path.EndsWith("/Postgres/PostgresErrors.cs", StringComparison.Ordinal));
        var outside = Rules.DriverUsesElsewhere(Sources);
        Assert.True(outside.Count == 0, string.Join('\n', outside));
        Assert.NotEmpty(Rules.DriverUsesElsewhere(Sources.Where(source => source.Path.Contains("/Persistence/Sqlite/", StringComparison.Ordinal))
            .Select(source => (source.Path.Replace("/Persistence/Sqlite/", "/Persistence/", StringComparison.Ordinal), source.Text))));
    }

    [Theory]
    [InlineData("using Npgsql;")]
    [InlineData("using Microsoft.Data.Sqlite;")]
    [InlineData("using NpgsqlTypes;")]
    [InlineData("catch (Exception e) when (e is Npgsql.PostgresException { SqlState: \"23505\" })")]
    [InlineData("Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();")]
    public void The_driver_rule_catches_a_driver_anywhere_else(string line)
    {
        Assert.Single(Rules.DriverUsesElsewhere([("src/CleanApp.Infrastructure/Persistence/Maintenance/Canary.cs", line)]));
        Assert.Empty(Rules.DriverUsesElsewhere([("src/CleanApp.Infrastructure/Persistence/Postgres/Canary.cs", line)]));
        Assert.Empty(Rules.DriverUsesElsewhere([("src/CleanApp.Web/Fine.cs", "// Npgsql reports it; services.AddSingleton<PostgresErrors>(); var sqlite = \"SQLite database\";")]));
    }

    [Fact]
    public void Every_list_pages_through_one_keyset_condition_and_the_generators_teach_it_too()
    {
        // The item templates are in the template pack's repository only (a generated solution has none).
        var folder = Path.Combine(RepositoryPaths.Root, "templates");
        List<(string Path, string Text)> templates = Directory.Exists(folder)
            ? [.. Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
                .Select(path => (Path.GetRelativePath(RepositoryPaths.Root, path).Replace('\\', '/'), File.ReadAllText(path)))]
            : [];

        Assert.True(
            !Directory.Exists(folder) || templates.Any(source => source.Path.EndsWith("Queries.cs", StringComparison.Ordinal) && source.Text.Contains(".PageOf(", StringComparison.Ordinal)),
            "cleanapp-entity's queries page through OwnedLists.PageOf");
        Assert.All(Rules.KeysetFiles, file => Assert.Contains(Sources, source => source.Path == file));
        var elsewhere = Rules.KeysetConditionsElsewhere([.. Sources, .. templates]);
        Assert.True(elsewhere.Count == 0, string.Join('\n', elsewhere));
    }

    [Theory]
    [InlineData("users = users.Where(u => u.CreatedAt < after.At || (u.CreatedAt == after.At && u.Id.CompareTo(after.Id) < 0));")]
    [InlineData("query = query.Where(e => e.Id.CompareTo(cursor.Id) < 0);")]
    [InlineData("private const string After = \" AND (created_at, id) < ($4, $5)\";")]
    public void The_keyset_rule_catches_a_second_spelling(string line)
    {
        Assert.Single(Rules.KeysetConditionsElsewhere([("src/CleanApp.Infrastructure/Identity/Canary.cs", line)]));
        Assert.Empty(Rules.KeysetConditionsElsewhere([("src/CleanApp.Infrastructure/Persistence/OwnedLists.cs", line)]));
        Assert.Empty(Rules.KeysetConditionsElsewhere([("src/CleanApp.Web/Fine.cs", "var total = await users.LongCountAsync(cancellationToken); item.CreatedAt.ToString();")]));
    }

    [Fact]
    public void The_provider_is_compared_only_where_the_setting_is_read_and_its_module_chosen()
    {
        var sources = Sources;

        Assert.True(sources.Count > 50, "the sources were found");
        Assert.Empty(Rules.ProviderComparisons(sources));
        Assert.All(Rules.ProviderChoiceFiles, file => Assert.Contains(sources, source => source.Item1.Replace('\\', '/') == file));
    }

    [Theory]
    [InlineData("if (settings.Provider == DatabaseProvider.Postgres)")]
    [InlineData("var store = provider is DatabaseProvider.Sqlite ? null : counter;")]
    [InlineData("DatabaseProvider.Postgres => options.UseNpgsql(dataSource),")]
    [InlineData("return settings.Provider switch")]
    [InlineData("case DatabaseProvider.Sqlite:")]
    public void The_rule_catches_a_provider_comparison_anywhere_else(string line)
    {
        var canary = ("src/CleanApp.Web/Canary.cs", $"class Canary\n{{\n    {line}\n}}\n");

        Assert.Equal(["src/CleanApp.Web/Canary.cs:3: " + line], Rules.ProviderComparisons([canary]));
        Assert.Empty(Rules.ProviderComparisons([("src/CleanApp.Infrastructure/Persistence/DatabaseProviderModule.cs", canary.Item2)]));
        Assert.Empty(Rules.ProviderComparisons([("src/CleanApp.Web/Fine.cs", "var settings = DesignTimeSettings(DatabaseProvider.Postgres);")]));
    }
}
