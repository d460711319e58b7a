using __SolutionName__.Domain.EntityPlural;
using Riok.Mapperly.Abstractions;

namespace __SolutionName__.Application.EntityPlural;

/// <summary>An EntityName as the API answers it: its fields, who created and last changed it when, and its version (the ETag).</summary>
public sealed record EntityNameDto(
    Guid Id, string Name, Guid OwnerId, DateTimeOffset CreatedAt, Guid? CreatedBy, DateTimeOffset UpdatedAt, Guid? UpdatedBy, int Version)
    : IVersionedAnswer;

/// <summary>The one place an <see cref="EntityNameDto"/> is built: in memory, and in a query's projection (the same mapping).</summary>
[Mapper]
public static partial class EntityNameMapper
{
    [MapperIgnoreSource(nameof(EntityName.DomainEvents))]
    public static partial EntityNameDto ToDto(this EntityName entityVariable);

    /// <summary>The DTOs, built by the database query (only the DTO's columns are read).</summary>
    public static partial IQueryable<EntityNameDto> ProjectToDto(this IQueryable<EntityName> entityPlural);
}

internal static class EntityNameAccess
{
    public const string NotFound = "EntityName not found";

    /// <summary>
    /// The EntityName, if it exists and the caller may do what <paramref name="permission"/> widens the owner rule to
    /// (<see cref="EntityNamePermissions"/>). A caller who may read it but not do this is refused (403); to anyone else
    /// another user's answers exactly like a missing one.
    /// </summary>
    public static async Task<EntityName> FindAccessibleAsync(
        this IEntityNameRepository repository, Guid id, ICurrentUser currentUser, string permission, CancellationToken cancellationToken)
    {
        var user = currentUser.Required();
        var entityVariable = await repository.FindAsync(id, cancellationToken);
        if (entityVariable is not null && entityVariable.IsAccessibleTo(user, permission))
        {
            return entityVariable;
        }

        throw entityVariable is not null && entityVariable.IsAccessibleTo(user, EntityNamePermissions.ReadAny)
            ? new ForbiddenException(AccessMessages.NotEnoughPrivileges)
            : new NotFoundException(NotFound);
    }
}
