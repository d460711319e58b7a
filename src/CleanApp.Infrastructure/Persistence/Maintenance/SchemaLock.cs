namespace CleanApp.Infrastructure.Persistence.Maintenance;

/// <summary>
/// One schema changer at a time per database, across processes and machines: every <c>db migrate</c>,
/// migrate-on-start and <c>db seed</c> holds this lock while it works, so of several instances starting at once
/// exactly one applies each migration and creates each seed row; the others wait, then find nothing to do. Each
/// provider module holds it its own way (<see cref="IDatabaseAdministration.AcquireSchemaLockAsync"/>): PostgreSQL, a
/// session advisory lock; SQLite, an exclusive lock on a file beside the database. Both end with the process.
/// </summary>
internal static class SchemaLock
{
    public const string Waiting = "Another migrator or seeder is working on this database; waiting for it to finish...";
}
