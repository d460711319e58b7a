using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CleanApp.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddMigrationLog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "schema_migration_log",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    migration_id = table.Column<string>(type: "TEXT", maxLength: 150, nullable: false),
                    direction = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    host = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_schema_migration_log", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_schema_migration_log_migration_id_at",
                table: "schema_migration_log",
                columns: new[] { "migration_id", "at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "schema_migration_log");
        }
    }
}
