using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CleanApp.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddOutbox : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "outbox_messages",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    event_type = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    handler = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    payload = table.Column<string>(type: "TEXT", nullable: false),
                    deduplication_key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    occurred_at = table.Column<long>(type: "INTEGER", nullable: false),
                    available_at = table.Column<long>(type: "INTEGER", nullable: false),
                    locked_until = table.Column<long>(type: "INTEGER", nullable: true),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    dispatched_at = table.Column<long>(type: "INTEGER", nullable: true),
                    dead_at = table.Column<long>(type: "INTEGER", nullable: true),
                    last_error = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outbox_messages", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_dispatched",
                table: "outbox_messages",
                column: "dispatched_at",
                filter: "dispatched_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_pending",
                table: "outbox_messages",
                column: "available_at",
                filter: "dispatched_at IS NULL AND dead_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_pending_key",
                table: "outbox_messages",
                columns: new[] { "deduplication_key", "handler" },
                filter: "dispatched_at IS NULL AND dead_at IS NULL AND deduplication_key IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "outbox_messages");
        }
    }
}
