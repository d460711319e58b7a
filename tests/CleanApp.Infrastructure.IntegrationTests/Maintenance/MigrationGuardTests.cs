using CleanApp.Infrastructure.Configuration;
using CleanApp.Infrastructure.Persistence;
using CleanApp.Infrastructure.Persistence.Maintenance;
using CleanApp.Infrastructure.Persistence.Migrations;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CleanApp.Infrastructure.IntegrationTests.Maintenance;

public class MigrationGuardTests
{
    [Theory]
    [InlineData(DatabaseProvider.Postgres)]
    [InlineData(DatabaseProvider.Sqlite)]
    public void The_committed_migrations_lose_no_data_and_break_no_running_instance_without_an_accepted_reason(DatabaseProvider provider)
    {
        using var db = AppDbContextFactory.Create(AppDbContextFactory.DesignTimeSettings(provider));

        var refused = MigrationGuard.Check(db).Where(f => !f.Accepted).ToList();

        Assert.True(refused.Count == 0, "Unsafe migration operations:\n" + string.Join("\n", refused));
    }

    public static TheoryData<Migration, string> Destructive => new()
    {
        { new Steps(b => b.DropTable("items")), "drop table items" },
        { new Steps(b => b.DropColumn("description", "items")), "drop column items.description" },
        { new Steps(b => b.RenameColumn("title", "items", "name")), "rename column items.title to name" },
        { new Steps(b => b.RenameTable("items", newName: "things")), "rename table items to things" },
        { new Steps(b => b.AlterColumn<string>("title", "items", maxLength: 100, oldClrType: typeof(string), oldMaxLength: 255)), "narrows the column to 100" },
        { new Steps(b => b.AlterColumn<int>("title", "items", oldClrType: typeof(string))), "changes the column's type" },
        { new Steps(b => b.AlterColumn<string>("description", "items", nullable: false, oldClrType: typeof(string), oldNullable: true)), "makes the column NOT NULL" },
        { new Steps(b => b.AddColumn<int>("priority", "items", nullable: false)), "add column items.priority NOT NULL without a default" },
        { new Steps(b => b.Sql("DELETE FROM items WHERE title = ''")), "raw SQL" },
    };

    [Theory]
    [MemberData(nameof(Destructive))]
    public void The_guard_fires_on_an_operation_that_loses_data_or_breaks_older_instances(Migration migration, string expected)
    {
        var finding = Assert.Single(MigrationGuard.Check("20260101000000_Risky", migration));

        Assert.False(finding.Accepted);
        Assert.Contains(expected, finding.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_guard_stays_quiet_on_additive_changes()
    {
        var additive = new Steps(b =>
        {
            b.CreateTable("tags", t => new { id = t.Column<Guid>(), name = t.Column<string>(nullable: false) });
            b.AddColumn<int>("priority", "items", nullable: false, defaultValue: 0);
            b.AddColumn<string>("notes", "items", nullable: true);
            b.AlterColumn<string>("title", "items", maxLength: 500, oldClrType: typeof(string), oldMaxLength: 255);
            b.AlterColumn<string>("title", "items", nullable: true, oldClrType: typeof(string), oldNullable: false);
            b.CreateIndex("ix_items_title", "items", "title");
            b.Sql("UPDATE items SET priority = 1 WHERE title LIKE 'urgent%'");
        });

        Assert.Empty(MigrationGuard.Check("20260101000000_Additive", additive));
    }

    [Fact]
    public void An_accepted_migration_is_reported_with_its_reason_and_not_refused_but_a_blank_reason_does_not_count()
    {
        var accepted = Assert.Single(MigrationGuard.Check("20260101000000_DropLegacy", new AcceptedDrop()));
        var blank = Assert.Single(MigrationGuard.Check("20260101000000_DropLegacy", new BlankReasonDrop()));

        Assert.True(accepted.Accepted);
        Assert.Equal("legacy_code has been unused since v2 (contract step)", accepted.AcceptedBecause);
        Assert.False(blank.Accepted);
    }

    /// <summary>A migration made of the given steps, as a developer (or dotnet-ef) would write it.</summary>
    public sealed class Steps(Action<MigrationBuilder> up) : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder) => up(migrationBuilder);

        public override string ToString() => string.Join(", ", UpOperations.Select(o => o.GetType().Name));
    }

    [AcceptedDestructiveChange("legacy_code has been unused since v2 (contract step)")]
    private sealed class AcceptedDrop : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.DropColumn("legacy_code", "items");
    }

    [AcceptedDestructiveChange("  ")]
    private sealed class BlankReasonDrop : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.DropColumn("legacy_code", "items");
    }
}
