using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CleanApp.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddRateLimitCounters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The sign-in, recovery and reset budgets shared by every instance (ADR 0010): one row per client and
            // one-minute window. Unlogged: no WAL for a counter that only matters for a minute (a crash resets the
            // budgets). In the model since RateLimitCountersInModel (Persistence/Postgres/RateLimitCounter.cs).
            migrationBuilder.Sql("""
                CREATE UNLOGGED TABLE rate_limit_counters (
                    partition_key text NOT NULL,
                    window_start timestamp with time zone NOT NULL,
                    count integer NOT NULL,
                    CONSTRAINT pk_rate_limit_counters PRIMARY KEY (partition_key, window_start)
                );
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE rate_limit_counters;");
        }
    }
}
