using System.Text.RegularExpressions;
using CleanApp.Infrastructure.Configuration;
using CleanApp.Infrastructure.Persistence;
using CleanApp.Testing;
using Microsoft.EntityFrameworkCore;

namespace CleanApp.Infrastructure.IntegrationTests.Docs;

/// <summary>
/// docs/architecture.md cannot drift from the model silently: its table of tables, with those of docs/data/*.md (one file
/// per generated feature: the cleanapp-entity template adds its own), is exactly the model's tables.
/// </summary>
public partial class ArchitectureDocTests
{
    /// <summary>The backticked names in the first cell of each row of the table under a heading ("## Data"); none without it.</summary>
    internal static IReadOnlyList<string> TablesListedUnder(string markdown, string heading)
    {
        var start = markdown.IndexOf($"\n{heading}\n", StringComparison.Ordinal);
        if (start < 0)
        {
            return [];
        }

        var section = markdown[(start + heading.Length + 2)..];
        var next = section.IndexOf("\n## ", StringComparison.Ordinal);
        return TablesListedIn(next < 0 ? section : section[..next]);
    }

    /// <summary>The backticked names in the first cell of each table row of a text.</summary>
    internal static IReadOnlyList<string> TablesListedIn(string markdown) => [.. markdown.Split('\n')
        .Where(line => line.StartsWith("| `", StringComparison.Ordinal))
        .SelectMany(line => Backticked().Matches(line.Split('|')[1]).Select(m => m.Groups[1].Value))
        .Order(StringComparer.Ordinal)];

    [Fact]
    public void The_data_section_of_architecture_md_lists_exactly_the_tables_of_the_model()
    {
        var markdown = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "architecture.md"));
        using var db = DatabaseProviderModule.For(AppDbContextFactory.DesignTimeSettings(DatabaseProvider.Postgres)).CreateContext();
        var model = db.Model.GetEntityTypes().Select(t => t.GetTableName()).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();

        var features = Path.Combine(RepositoryPaths.Root, "docs", "data");
        var listed = TablesListedUnder(markdown, "## Data")
            .Concat(Directory.Exists(features) ? Directory.GetFiles(features, "*.md").SelectMany(file => TablesListedIn(File.ReadAllText(file))) : [])
            .ToList();

        Assert.Empty(model.Except(listed)); // in the model, missing from the doc
        Assert.Empty(listed.Except(model)); // in the doc, not in the model
    }

    [Fact]
    public void The_doc_rule_reads_a_missing_and_an_extra_table()
    {
        const string Doc = "# A\n\n## Data\n\n| table | what |\n|---|---|\n| `users`, `roles` | x |\n| `gone` | y |\n\n## Tests\n| `not_a_table` | z |\n";

        Assert.Equal(["gone", "roles", "users"], TablesListedUnder(Doc, "## Data"));
        Assert.Empty(TablesListedUnder(Doc, "## Elsewhere"));
    }

    [GeneratedRegex("`([a-z_]+)`")]
    private static partial Regex Backticked();
}
