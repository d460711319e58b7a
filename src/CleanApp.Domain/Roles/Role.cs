using System.Text.RegularExpressions;
using CleanApp.Domain.Common;

namespace CleanApp.Domain.Roles;

/// <summary>
/// A role: a name and the permissions it grants its members, each once. One is built in, <see cref="AdminName"/>: its
/// members are exactly the superusers, it grants every permission, and it can be neither changed nor deleted (every
/// other role is custom). The system keeps someone who can administer it (<see cref="MayGiveUpSuperuserRights"/>), and
/// no one grants what they do not hold themselves (<see cref="Users.UserIdentity.Lacking"/>).
/// </summary>
public sealed partial record Role(string Name, IReadOnlyList<string> Permissions)
{
    public const string AdminName = "admin";

    public const int NameMaxLength = 50;

    /// <summary>A lowercase letter first, then lowercase letters, digits, '.', '_' or '-' (\z, not $: $ also matches before a trailing newline).</summary>
    public const string NamePattern = "^[a-z][a-z0-9_.-]*\\z";

    /// <summary>A new custom role: a well-formed name that is not the built-in one, each permission once, in the order first given.</summary>
    public static Role Custom(string name, IEnumerable<string> permissions)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (IsBuiltIn(name))
        {
            throw new DomainException($"'{AdminName}' is the built-in role.", nameof(Name));
        }

        if (name.Length > NameMaxLength || !NameRegex().IsMatch(name))
        {
            throw new DomainException($"'{name}' is not a role name: a lowercase letter first, then lowercase letters, digits, '.', '_' or '-'.", nameof(Name));
        }

        return new Role(name, [.. permissions.Distinct(StringComparer.Ordinal)]);
    }

    /// <summary>Whether the name is the built-in role's (in any case).</summary>
    public static bool IsBuiltIn(string name) => string.Equals(name, AdminName, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Whether superusers may give up their own superuser rights (leave the admin role, or deactivate themselves) with
    /// <paramref name="activeSuperusers"/> active superusers, them included: not the last one.
    /// </summary>
    public static bool MayGiveUpSuperuserRights(int activeSuperusers) => activeSuperusers > 1;

    [GeneratedRegex(NamePattern)]
    private static partial Regex NameRegex();
}
