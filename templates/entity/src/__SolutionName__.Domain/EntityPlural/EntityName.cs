using __SolutionName__.Domain.Common;
using __SolutionName__.Domain.Users;

namespace __SolutionName__.Domain.EntityPlural;

/// <summary>
/// TODO: what an EntityName is. A user owns it; its name obeys the limits below whatever creates or edits it (the
/// invariants live here, not in the use cases). Add properties with their rules, then a migration.
/// </summary>
public sealed class EntityName : AuditedEntity, IOwnedEntity
{
    public const int NameMaxLength = 255;

    // For EF Core materialization only.
    private EntityName()
    {
        Name = string.Empty;
    }

    private EntityName(Guid id, Guid ownerId, string name)
        : base(id)
    {
        OwnerId = ownerId;
        Name = name;
    }

    public Guid OwnerId { get; private set; }

    public string Name { get; private set; }

    public static EntityName Create(Guid ownerId, string name)
    {
        if (ownerId == Guid.Empty)
        {
            throw new DomainException("An EntityName needs an owner.", nameof(OwnerId));
        }

        var entityVariable = new EntityName(Guid.CreateVersion7(), ownerId, CheckName(name));
        entityVariable.Raise(new EntityNameCreated(entityVariable.Id, ownerId));
        return entityVariable;
    }

    /// <summary>Records that it is going away (the repository removes it).</summary>
    public void Delete() => Raise(new EntityNameDeleted(Id, OwnerId));

    public void Rename(string name) => Name = CheckName(name);

    /// <summary>
    /// Owners see and change their own; others only with the permission that widens the owner rule for what they do
    /// (the application names it), which superusers always hold.
    /// </summary>
    public bool IsAccessibleTo(UserIdentity user, string anyUsersPermission) => user.Id == OwnerId || user.Has(anyUsersPermission);

    private static string CheckName(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new DomainException("Name must not be empty.", nameof(Name));
        }

        if (name.Length > NameMaxLength)
        {
            throw new DomainException($"Name must be at most {NameMaxLength} characters.", nameof(Name));
        }

        return name;
    }
}
