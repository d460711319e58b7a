using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CleanApp.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AccountTakeoverGuards : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<byte[]>(
                name: "previous_refresh_hash",
                table: "sessions",
                type: "BLOB",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "throttles",
                columns: table => new
                {
                    key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    hits = table.Column<int>(type: "INTEGER", nullable: false),
                    until_ticks = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_throttles", x => x.key);
                });

            migrationBuilder.CreateIndex(
                name: "ix_throttles_until_ticks",
                table: "throttles",
                column: "until_ticks");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "throttles");

            migrationBuilder.DropColumn(
                name: "previous_refresh_hash",
                table: "sessions");
        }
    }
}
