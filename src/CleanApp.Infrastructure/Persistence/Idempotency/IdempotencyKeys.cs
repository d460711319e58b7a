namespace CleanApp.Infrastructure.Persistence.Idempotency;

/// <summary>
/// Idempotency keys in the database, the same on both providers: a key is claimed by inserting its row (the primary
/// key on scope and key makes one insert win a race; the provider's <see cref="IIdempotencyRows"/> inserts a new key in
/// one statement, the common path), its answer written to that row, and a failed request's row deleted. Reads and writes
/// skip the change tracker, so the request's own unit of work never sees them.
/// </summary>
internal sealed class IdempotencyKeys(AppDbContext db, IIdempotencyRows rows, IdempotencySettings settings, TimeProvider timeProvider) : IIdempotencyKeys
{
    private DbSet<IdempotencyRecord> Records => db.Set<IdempotencyRecord>();

    public async Task<IdempotencyClaim> ClaimAsync(IdempotentRequest request, CancellationToken cancellationToken)
    {
        // Twice at most: a second pass only follows a row that expired or vanished between the first pass's steps.
        for (var pass = 0; pass < 2; pass++)
        {
            // The insert first: a new key (nearly every request that sends one) costs one statement.
            var now = timeProvider.GetUtcNow();
            var inserted = await rows.TryInsertAsync(
                new IdempotencyRecord
                {
                    Scope = request.Scope,
                    Key = request.Key,
                    Fingerprint = request.Fingerprint,
                    CreatedAt = now,
                    ExpiresAt = now + settings.Lifetime,
                    LockedUntil = now + IdempotencySettings.Lease,
                },
                cancellationToken);
            if (inserted)
            {
                return new IdempotencyClaim(IdempotencyOutcome.Claimed);
            }

            // Taken already (a retry, or another request first): what its row holds decides.
            var existing = await Find(request).AsNoTracking().FirstOrDefaultAsync(cancellationToken);
            if (existing is null)
            {
                continue;
            }

            if (existing.ExpiresAt <= now)
            {
                await Find(request).Where(r => r.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
                continue;
            }

            if (!existing.Fingerprint.AsSpan().SequenceEqual(request.Fingerprint))
            {
                return new IdempotencyClaim(IdempotencyOutcome.Mismatch);
            }

            if (existing.Status is { } status)
            {
                return new IdempotencyClaim(
                    IdempotencyOutcome.Answered, new StoredAnswer(status, existing.ContentType, existing.Location, existing.ETag, existing.Body ?? []));
            }

            if (existing.LockedUntil > now)
            {
                return new IdempotencyClaim(IdempotencyOutcome.InProgress);
            }

            // Held past its lease without an answer (the instance running it stopped): this request takes it over,
            // unless another retry just did.
            var heldUntil = existing.LockedUntil;
            var taken = await Find(request).Where(r => r.Status == null && r.LockedUntil == heldUntil)
                .ExecuteUpdateAsync(set => set.SetProperty(r => r.LockedUntil, now + IdempotencySettings.Lease), cancellationToken);
            return new IdempotencyClaim(taken == 1 ? IdempotencyOutcome.Claimed : IdempotencyOutcome.InProgress);
        }

        return new IdempotencyClaim(IdempotencyOutcome.InProgress);
    }

    public Task CompleteAsync(IdempotentRequest request, StoredAnswer answer, CancellationToken cancellationToken) =>
        rows.CompleteAsync(request, answer, cancellationToken);

    public Task ReleaseAsync(IdempotentRequest request, CancellationToken cancellationToken) =>
        Find(request).Where(r => r.Status == null).ExecuteDeleteAsync(cancellationToken);

    private IQueryable<IdempotencyRecord> Find(IdempotentRequest request) =>
        Records.Where(r => r.Scope == request.Scope && r.Key == request.Key);
}
