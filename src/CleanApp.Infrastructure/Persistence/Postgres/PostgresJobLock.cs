using Npgsql;

namespace CleanApp.Infrastructure.Persistence.Postgres;

/// <summary>A session advisory lock per job name, tried not waited for; the server releases it if the process dies.</summary>
internal sealed class PostgresJobLock(NpgsqlDataSource dataSource) : IJobLock
{
    public async Task<bool> RunAloneAsync(string job, Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        var key = JobLockKey(job);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var attempt = new NpgsqlCommand("SELECT pg_try_advisory_lock($1)", connection) { Parameters = { new NpgsqlParameter<long> { TypedValue = key } } })
        {
            if (await attempt.ExecuteScalarAsync(cancellationToken) is not true)
            {
                return false;
            }
        }

        try
        {
            await work(cancellationToken);
            return true;
        }
        finally
        {
            // The pooled connection goes back without the lock.
            await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock($1)", connection) { Parameters = { new NpgsqlParameter<long> { TypedValue = key } } };
            await release.ExecuteScalarAsync(CancellationToken.None);
        }
    }

    /// <summary>A stable 64-bit key per job name (FNV-1a), apart from the schema lock's.</summary>
    internal static long JobLockKey(string job)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in job)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return unchecked((long)hash) == PostgresAdministration.SchemaLockKey ? unchecked((long)hash) + 1 : unchecked((long)hash);
    }
}
