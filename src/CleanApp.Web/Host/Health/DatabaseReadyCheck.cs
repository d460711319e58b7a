using CleanApp.Infrastructure.Persistence;
using CleanApp.Infrastructure.Persistence.Maintenance;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CleanApp.Web.Host.Health;

/// <summary>Ready means the database answers and has every migration this build knows applied.</summary>
internal sealed class DatabaseReadyCheck(AppDbContext db, DatabaseMaintenance maintenance) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            if (!await db.Database.CanConnectAsync(cancellationToken))
            {
                return HealthCheckResult.Unhealthy("The database does not answer.");
            }

            // Not EF's GetPendingMigrations: on a database without history it runs a failing query, logged as an error.
            var pending = await maintenance.GetPendingMigrationsAsync(cancellationToken);
            return pending.Count == 0
                ? HealthCheckResult.Healthy("The database answers and is at the newest migration.")
                : HealthCheckResult.Unhealthy($"{pending.Count} migrations pending: {string.Join(", ", pending)}. Run `db migrate`.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The database check failed.", e);
        }
    }
}
