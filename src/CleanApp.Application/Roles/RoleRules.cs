using System.Linq.Expressions;
using CleanApp.Domain.Roles;

namespace CleanApp.Application.Roles;

/// <summary>What every role use case checks the same way: names, permissions, and the built-in role.</summary>
internal static class RoleRules
{
    public const int MaxPerRequest = 100;
    public const string NotFound = "Role not found";
    public const string TakenName = "A role with this name already exists";
    public const string BuiltInUnchangeable = "The built-in admin role can be neither changed nor deleted: its members are the superusers and it holds every permission";

    public static readonly RoleDto Admin = new(PermissionCatalog.AdminRole, BuiltIn: true, PermissionCatalog.Names);

    public static bool IsBuiltIn(string name) => Role.IsBuiltIn(name);

    public static void ThrowIfBuiltIn(string name)
    {
        if (IsBuiltIn(name))
        {
            throw new ConflictException(BuiltInUnchangeable);
        }
    }

    public static RoleDto ToDto(this Role role) => new(role.Name, BuiltIn: false, role.Permissions);

    /// <summary>A role name: 1 to 50 characters, a lowercase letter first, then lowercase letters, digits, '.', '_' or '-'.</summary>
    public static IRuleBuilderOptions<T, string> ValidRoleName<T>(this IRuleBuilder<T, string> rule) => rule
        .NotEmpty()
        .MaximumLength(Role.NameMaxLength)
        .Matches(Role.NamePattern).WithMessage("'{PropertyValue}' is not a role name: a lowercase letter first, then lowercase letters, digits, '.', '_' or '-'.");

    /// <summary>Permission names: well-formed, at most <see cref="MaxPerRequest"/>; whether the catalog has them is <see cref="ThrowIfUnknownPermissions"/>.</summary>
    public static void ValidPermissions<T>(this AbstractValidator<T> validator, Expression<Func<T, IReadOnlyList<string>>> permissions)
    {
        validator.RuleFor(permissions).Cascade(CascadeMode.Stop).NotNull().Must(p => p.Count <= MaxPerRequest).WithMessage($"At most {MaxPerRequest} permissions.");
        validator.RuleForEach(Expression.Lambda<Func<T, IEnumerable<string>>>(permissions.Body, permissions.Parameters))
            .NotEmpty().MaximumLength(100).Matches(PermissionCatalog.NamePattern)
            .WithMessage("'{PropertyValue}' is not a permission name: lowercase words joined by dots (resource.action).");
    }

    /// <summary>The names once each, in the order first given.</summary>
    public static IReadOnlyList<string> Distinct(IReadOnlyList<string> names) => [.. names.Distinct(StringComparer.Ordinal)];

    /// <summary>Permissions the catalog does not have: 422, naming each.</summary>
    public static void ThrowIfUnknownPermissions(IReadOnlyList<string> permissions)
    {
        var unknown = PermissionCatalog.Unknown(permissions);
        if (unknown.Count > 0)
        {
            throw new UnknownNamesException("Permissions", [.. unknown.Select(name => $"'{name}' is not a permission (GET /api/v1/permissions lists them).")]);
        }
    }

    /// <summary>Roles that do not exist: 422, naming each.</summary>
    public static UnknownNamesException UnknownRoles(IReadOnlyList<string> unknown) =>
        new("Roles", [.. unknown.Select(name => $"'{name}' is not a role (GET /api/v1/roles lists them).")]);
}
