using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CleanApp.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class VersionsAuditAndIdempotencyKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "created_by",
                table: "users",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "updated_at",
                table: "users",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<Guid>(
                name: "updated_by",
                table: "users",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "version",
                table: "users",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<Guid>(
                name: "created_by",
                table: "items",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "updated_at",
                table: "items",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<Guid>(
                name: "updated_by",
                table: "items",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "version",
                table: "items",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            // The rows there already: last changed when created, at version 1 (the columns' defaults, which also
            // cover rows an instance of the previous version inserts during a rolling deployment).
            migrationBuilder.Sql("UPDATE users SET updated_at = created_at;");
            migrationBuilder.Sql("UPDATE items SET updated_at = created_at;");

            migrationBuilder.CreateTable(
                name: "idempotency_keys",
                columns: table => new
                {
                    scope = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    key = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    fingerprint = table.Column<byte[]>(type: "BLOB", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    expires_at = table.Column<long>(type: "INTEGER", nullable: false),
                    locked_until = table.Column<long>(type: "INTEGER", nullable: true),
                    status = table.Column<int>(type: "INTEGER", nullable: true),
                    content_type = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    location = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    etag = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    body = table.Column<byte[]>(type: "BLOB", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_idempotency_keys", x => new { x.scope, x.key });
                });

            migrationBuilder.CreateIndex(
                name: "ix_idempotency_keys_expires_at",
                table: "idempotency_keys",
                column: "expires_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "idempotency_keys");

            // SQLite's own DROP COLUMN, not EF Core's rebuild of the table, which would lose the item-count triggers.
            migrationBuilder.Sql("ALTER TABLE users DROP COLUMN created_by;");
            migrationBuilder.Sql("ALTER TABLE users DROP COLUMN updated_at;");
            migrationBuilder.Sql("ALTER TABLE users DROP COLUMN updated_by;");
            migrationBuilder.Sql("ALTER TABLE users DROP COLUMN version;");
            migrationBuilder.Sql("ALTER TABLE items DROP COLUMN created_by;");
            migrationBuilder.Sql("ALTER TABLE items DROP COLUMN updated_at;");
            migrationBuilder.Sql("ALTER TABLE items DROP COLUMN updated_by;");
            migrationBuilder.Sql("ALTER TABLE items DROP COLUMN version;");
        }
    }
}
