using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CleanApp.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddItemCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "item_counts",
                columns: table => new
                {
                    owner_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    count = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_item_counts", x => x.owner_id);
                    table.ForeignKey(
                        name: "fk_item_counts_users_owner_id",
                        column: x => x.owner_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            // The counts are kept by the database, in the same transaction as the change, whoever makes it (the app,
            // a cascade from users, a script). SQLite has row triggers only; it has one writer at a time anyway.
            migrationBuilder.Sql("""
                CREATE TRIGGER item_counts_insert AFTER INSERT ON items BEGIN
                  INSERT INTO item_counts (owner_id, count) VALUES (NEW.owner_id, 1)
                  ON CONFLICT (owner_id) DO UPDATE SET count = count + 1;
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER item_counts_delete AFTER DELETE ON items BEGIN
                  UPDATE item_counts SET count = count - 1 WHERE owner_id = OLD.owner_id;
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER item_counts_update AFTER UPDATE OF owner_id ON items WHEN NEW.owner_id <> OLD.owner_id BEGIN
                  UPDATE item_counts SET count = count - 1 WHERE owner_id = OLD.owner_id;
                  INSERT INTO item_counts (owner_id, count) VALUES (NEW.owner_id, 1)
                  ON CONFLICT (owner_id) DO UPDATE SET count = count + 1;
                END;
                """);
            migrationBuilder.Sql("INSERT INTO item_counts (owner_id, count) SELECT owner_id, count(*) FROM items GROUP BY owner_id;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER item_counts_insert;");
            migrationBuilder.Sql("DROP TRIGGER item_counts_delete;");
            migrationBuilder.Sql("DROP TRIGGER item_counts_update;");
            migrationBuilder.DropTable(
                name: "item_counts");
        }
    }
}
