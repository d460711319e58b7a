namespace CleanApp.Domain.Common;

/// <summary>
/// An entity: its id, and the domain events it records (<see cref="Raise"/>), which persistence writes with the change
/// and clears.
/// </summary>
public abstract class Entity : IHasDomainEvents
{
    private readonly List<IDomainEvent> events = [];

    // For EF Core materialization.
    protected Entity()
    {
    }

    protected Entity(Guid id) => Id = id;

    public Guid Id { get; private set; }

    public IReadOnlyCollection<IDomainEvent> DomainEvents => events;

    public void ClearDomainEvents() => events.Clear();

    /// <summary>Records that something happened to this entity (delivered once the change commits).</summary>
    protected void Raise(IDomainEvent domainEvent) => events.Add(domainEvent);
}

/// <summary>
/// An entity that can be edited (<see cref="IAuditedEntity"/>): persistence sets its creation time, version and who
/// changed it when, so no use case sets them by hand.
/// </summary>
public abstract class AuditedEntity : Entity, IAuditedEntity
{
    protected AuditedEntity()
    {
    }

    protected AuditedEntity(Guid id)
        : base(id)
    {
    }

    public DateTimeOffset CreatedAt { get; private set; }

    public int Version { get; private set; }

    public Guid? CreatedBy { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public Guid? UpdatedBy { get; private set; }
}
