using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CleanApp.Infrastructure.Persistence.Migrations.Postgres
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
                    owner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    count = table.Column<long>(type: "bigint", nullable: false)
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
            // a cascade from users, a script): statement-level triggers with transition tables, so a bulk insert or
            // a cascade costs one upsert per owner, not one per row. Row locks on item_counts serialise concurrent
            // writers of one owner, so the count stays exact.
            migrationBuilder.Sql("""
                CREATE FUNCTION item_counts_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  INSERT INTO item_counts AS c (owner_id, count)
                  SELECT owner_id, count(*) FROM inserted GROUP BY owner_id ORDER BY owner_id
                  ON CONFLICT (owner_id) DO UPDATE SET count = c.count + EXCLUDED.count;
                  RETURN NULL;
                END $$;

                CREATE FUNCTION item_counts_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  UPDATE item_counts AS c SET count = c.count - d.n
                  FROM (SELECT owner_id, count(*) AS n FROM deleted GROUP BY owner_id) AS d
                  WHERE c.owner_id = d.owner_id;
                  RETURN NULL;
                END $$;

                CREATE FUNCTION item_counts_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  WITH moved AS (
                    SELECT o.owner_id AS old_owner, n.owner_id AS new_owner
                    FROM old_rows AS o JOIN new_rows AS n ON n.id = o.id
                    WHERE n.owner_id <> o.owner_id),
                  changes AS (
                    SELECT owner_id, sum(delta) AS delta FROM (
                      SELECT old_owner AS owner_id, -1 AS delta FROM moved
                      UNION ALL SELECT new_owner, 1 FROM moved) AS d
                    GROUP BY owner_id)
                  INSERT INTO item_counts AS c (owner_id, count)
                  SELECT owner_id, delta FROM changes ORDER BY owner_id
                  ON CONFLICT (owner_id) DO UPDATE SET count = c.count + EXCLUDED.count;
                  RETURN NULL;
                END $$;

                CREATE TRIGGER item_counts_insert AFTER INSERT ON items
                  REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION item_counts_after_insert();
                CREATE TRIGGER item_counts_delete AFTER DELETE ON items
                  REFERENCING OLD TABLE AS deleted FOR EACH STATEMENT EXECUTE FUNCTION item_counts_after_delete();
                CREATE TRIGGER item_counts_update AFTER UPDATE ON items
                  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION item_counts_after_update();

                INSERT INTO item_counts (owner_id, count) SELECT owner_id, count(*) FROM items GROUP BY owner_id;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER item_counts_insert ON items;
                DROP TRIGGER item_counts_delete ON items;
                DROP TRIGGER item_counts_update ON items;
                DROP FUNCTION item_counts_after_insert();
                DROP FUNCTION item_counts_after_delete();
                DROP FUNCTION item_counts_after_update();
                """);
            migrationBuilder.DropTable(
                name: "item_counts");
        }
    }
}
