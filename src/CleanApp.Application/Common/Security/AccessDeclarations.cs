namespace CleanApp.Application.Common.Security;

/// <summary>Who may send a message: every request type declares exactly one of the three attributes below.</summary>
public enum Access
{
    /// <summary>Anyone, signed in or not.</summary>
    Anonymous,

    /// <summary>Any signed-in, active user; the handler applies owner rules (a permission may widen them).</summary>
    SignedIn,

    /// <summary>A signed-in, active user holding the named permission (superusers hold every one).</summary>
    Permission,
}

/// <summary>Anyone may send this message, signed in or not.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AnonymousAttribute : Attribute;

/// <summary>Any signed-in, active user may send this message; what they reach is the handler's owner rule.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class SignedInAttribute : Attribute;

/// <summary>Only a signed-in, active user holding <see cref="Permission"/> (a name from the <see cref="PermissionCatalog"/>).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RequiresPermissionAttribute(string permission) : Attribute
{
    public string Permission { get; } = permission;
}

/// <summary>What a message type declares; read once per type (<see cref="Of"/>).</summary>
public sealed record AccessDeclaration(Access Access, string? Permission = null)
{
    /// <summary>The one declaration of the type; throws when it has none or more than one (the architecture tests hold every message to one).</summary>
    public static AccessDeclaration Of(Type messageType)
    {
        ArgumentNullException.ThrowIfNull(messageType);
        var declarations = messageType.GetCustomAttributes(inherit: false)
            .Select(attribute => attribute switch
            {
                AnonymousAttribute => new AccessDeclaration(Access.Anonymous),
                SignedInAttribute => new AccessDeclaration(Access.SignedIn),
                RequiresPermissionAttribute p => new AccessDeclaration(Access.Permission, p.Permission),
                _ => null,
            })
            .OfType<AccessDeclaration>()
            .ToList();
        return declarations.Count == 1
            ? declarations[0]
            : throw new InvalidOperationException(
                $"{messageType.FullName} declares {declarations.Count} access attributes: give it exactly one of [Anonymous], [SignedIn] or [RequiresPermission(...)].");
    }
}
