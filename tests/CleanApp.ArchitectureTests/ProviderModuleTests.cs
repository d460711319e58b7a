using CleanApp.Testing;

namespace CleanApp.ArchitectureTests;

/// <summary>
/// The database provider is chosen once: only where the setting is read and where its module is picked is the
/// provider compared; every other part of the app asks the module (Persistence/Postgres, Persistence/Sqlite).
/// </summary>
public class ProviderModuleTests
{
    [Fact]
    public void The_provider_is_compared_only_where_the_setting_is_read_and_its_module_chosen()
    {
        var sources = Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                           && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(path => (Path.GetRelativePath(RepositoryPaths.Root, path), File.ReadAllText(path)))
            .ToList();

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
