using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CleanApp.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RateLimitCountersInModel : Migration
    {
        // rate_limit_counters joins the model (Persistence/Postgres/RateLimitCounter.cs) as AddRateLimitCounters
        // created it: the same columns, key and UNLOGGED. Nothing changes in the database; from here on the model
        // snapshot knows the table, so a change to it is a migration like any other.

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
