using __SolutionName__.Domain.EntityPlural;

namespace __SolutionName__.Infrastructure.Persistence.Seeding;

/// <summary>A sample EntityName for the first superuser, when sample data is on (found by the seeder: <see cref="ISampleData"/>).</summary>
internal sealed class EntityNameSampleData : ISampleData
{
    public async Task<string?> SeedAsync(AppDbContext db, Guid superuserId, CancellationToken cancellationToken)
    {
        if (await db.Set<EntityName>().AnyAsync(e => e.OwnerId == superuserId, cancellationToken))
        {
            return null;
        }

        db.Set<EntityName>().Add(EntityName.Create(superuserId, "Sample EntityName"));
        await db.SaveChangesAsync(cancellationToken);
        return "a sample EntityName";
    }
}
