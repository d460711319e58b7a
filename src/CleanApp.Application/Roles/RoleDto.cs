using CleanApp.Domain.Roles;

namespace CleanApp.Application.Roles;

/// <summary>A role as the API answers it: its name, whether it is the built-in admin role, and its permissions.</summary>
public sealed record RoleDto(string Name, bool BuiltIn, IReadOnlyList<string> Permissions)
{
    /// <summary>The longest role name (the store's column is as long).</summary>
    public const int NameMaxLength = Role.NameMaxLength;
}
