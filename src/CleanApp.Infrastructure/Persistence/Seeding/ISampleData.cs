namespace CleanApp.Infrastructure.Persistence.Seeding;

/// <summary>
/// A feature's sample data, seeded after the sample users when sample data is on (SEED_SAMPLE_DATA). Every
/// implementation in this assembly is registered, so a feature adds its sample data by adding a file. Idempotent: it
/// looks before it adds, and a second run adds nothing.
/// </summary>
public interface ISampleData
{
    /// <summary>Adds what is missing (and saves); answers what it added, for the seeding progress, or null if nothing was.</summary>
    Task<string?> SeedAsync(AppDbContext db, Guid superuserId, CancellationToken cancellationToken);
}
