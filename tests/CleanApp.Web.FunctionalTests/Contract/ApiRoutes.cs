namespace CleanApp.Web.FunctionalTests.Contract;

public enum Actor
{
    Anonymous,
    Owner,
    OtherUser,
    Superuser,
    InactiveUser,

    /// <summary>Another user whose custom role holds exactly the route's permission (none when it needs none).</summary>
    Granted,

    /// <summary>Another user whose custom role holds every permission of the catalog but the route's.</summary>
    GrantedAllButIt,

    /// <summary>
    /// Another user whose custom role holds exactly the route's permission, while the account and the role the route
    /// acts on hold one more: no permission reaches beyond its holder (<see cref="ApiRoute.Reaches"/> routes answer 403).
    /// </summary>
    GrantedBelowTarget,
}

/// <summary>
/// One route of the REST contract and the status each caller gets. <c>{item}</c> is an item of the owner,
/// <c>{owner}</c> the owner's user id, <c>{ownerEmail}</c> their email, <c>{new}</c> a fresh email. A Development-only
/// route is mapped in Development (where the functional tests run) and nowhere else, so no OpenAPI document has it.
/// A route that <see cref="Creates"/> a resource answers 201 in camelCase, 200 in the snake_case profile.
/// <see cref="Permission"/> is what the route needs, or what widens its owner rule (null: nothing does); a user holding
/// only it gets <see cref="Granted"/> (by default what a superuser gets), one holding every other permission
/// <see cref="AllButIt"/> (by default what another user gets). <c>{role}</c> is a custom role the test made. A route
/// that <see cref="Reaches"/> acts on the owner's account or on <c>{role}</c>: a holder of its permission who does not
/// hold everything that account or role holds gets 403.
/// </summary>
public sealed record ApiRoute(
    string Method, string Template, string Path, string? Body, int Anonymous, int Owner, int OtherUser, int Superuser, bool DevelopmentOnly = false,
    bool Creates = false, string? Permission = null, int? Granted = null, int? AllButIt = null, bool Reaches = false)
{
    /// <summary>Routes anyone may call answer an inactive user as anybody; every other route refuses them with 403.</summary>
    public bool IsAnonymous => Anonymous != 401;

    public int Expected(Actor actor) => actor switch
    {
        Actor.Anonymous => Anonymous,
        Actor.Owner => Owner,
        Actor.OtherUser => OtherUser,
        Actor.Superuser => Superuser,
        Actor.Granted => Granted ?? (Permission is null ? OtherUser : Superuser),
        Actor.GrantedAllButIt => AllButIt ?? OtherUser,
        Actor.GrantedBelowTarget => Reaches ? 403 : Expected(Actor.Granted),
        _ => IsAnonymous ? Anonymous : 403,
    };

    public IEnumerable<int> AllStatuses => Enum.GetValues<Actor>().Select(Expected).Distinct();

    public override string ToString() => $"{Method} {Path}";
}

/// <summary>
/// A feature's rows of the authorization matrix, kept in its own test file: <see cref="ApiRoutes.All"/> finds every
/// implementation in this assembly, so a feature adds its rows by adding its file.
/// </summary>
public interface IApiRouteRows
{
    IEnumerable<ApiRoute> Rows { get; }
}

public static class ApiRoutes
{
    /// <summary>The routes of the REST contract (docs/api.md), then every feature's (<see cref="IApiRouteRows"/>).</summary>
    public static readonly IReadOnlyList<ApiRoute> All = [.. Contract(), .. Features()];

    private static IEnumerable<ApiRoute> Features() => typeof(ApiRoutes).Assembly.GetTypes()
        .Where(type => type is { IsClass: true, IsAbstract: false } && typeof(IApiRouteRows).IsAssignableFrom(type))
        .OrderBy(type => type.FullName, StringComparer.Ordinal)
        .SelectMany(type => ((IApiRouteRows)Activator.CreateInstance(type)!).Rows);

    private static IEnumerable<ApiRoute> Contract() =>
    [
        new("POST", "/api/v1/login/access-token", "/api/v1/login/access-token", "form", 200, 200, 200, 200),
        new("POST", "/api/v1/login/test-token", "/api/v1/login/test-token", null, 401, 200, 200, 200),
        new("POST", "/api/v1/password-recovery/{email}", "/api/v1/password-recovery/{ownerEmail}", null, 200, 200, 200, 200),
        new("POST", "/api/v1/password-recovery-html-content/{email}", "/api/v1/password-recovery-html-content/{ownerEmail}", null, 401, 403, 403, 200, Permission: "users.recovery-mail", Reaches: true),
        new("POST", "/api/v1/reset-password", "/api/v1/reset-password", """{"token":"bm90LWEtdG9rZW4","newPassword":"whatever-password"}""", 400, 400, 400, 400),
        new("POST", "/api/v1/revert-email", "/api/v1/revert-email", """{"token":"bm90LWEtdG9rZW4"}""", 400, 400, 400, 400),
        new("POST", "/api/v1/verify-email", "/api/v1/verify-email", """{"token":"bm90LWEtdG9rZW4"}""", 400, 400, 400, 400),
        new("POST", "/api/v1/verify-email/resend", "/api/v1/verify-email/resend", null, 401, 200, 200, 200),
        new("POST", "/api/v1/users/me/mfa/totp", "/api/v1/users/me/mfa/totp", """{"password":"wrong-password"}""", 401, 400, 400, 400),
        new("POST", "/api/v1/users/me/mfa/totp/confirm", "/api/v1/users/me/mfa/totp/confirm", """{"code":"123456"}""", 401, 400, 400, 400),
        new("POST", "/api/v1/users/me/mfa/totp/disable", "/api/v1/users/me/mfa/totp/disable", """{"password":"wrong-password","code":"123456"}""", 401, 400, 400, 400),
        new("POST", "/api/v1/users/me/mfa/recovery-codes", "/api/v1/users/me/mfa/recovery-codes", """{"password":"wrong-password","code":"123456"}""", 401, 400, 400, 400),
        new("DELETE", "/api/v1/users/{id}/mfa", "/api/v1/users/{owner}/mfa", null, 401, 403, 403, 400, Permission: "users.update", Reaches: true),
        new("GET", "/api/v1/users", "/api/v1/users", null, 401, 403, 403, 200, Permission: "users.read"),
        new("POST", "/api/v1/users", "/api/v1/users", """{"email":"{new}","password":"new-user-password"}""", 401, 403, 403, 201, Creates: true, Permission: "users.create"),
        new("GET", "/api/v1/users/me", "/api/v1/users/me", null, 401, 200, 200, 200),
        new("PATCH", "/api/v1/users/me", "/api/v1/users/me", """{"fullName":"Changed"}""", 401, 200, 200, 200),
        new("PATCH", "/api/v1/users/me/password", "/api/v1/users/me/password", """{"currentPassword":"wrong-password","newPassword":"another-password"}""", 401, 400, 400, 400),
        new("DELETE", "/api/v1/users/me", "/api/v1/users/me", null, 401, 200, 200, 403),
        new("POST", "/api/v1/users/signup", "/api/v1/users/signup", """{"email":"{new}","password":"new-user-password"}""", 201, 201, 201, 201, Creates: true),
        new("GET", "/api/v1/users/{id}", "/api/v1/users/{owner}", null, 401, 200, 403, 200, Permission: "users.read"),
        new("PATCH", "/api/v1/users/{id}", "/api/v1/users/{owner}", """{"fullName":"Changed"}""", 401, 403, 403, 200, Permission: "users.update", Reaches: true),
        new("DELETE", "/api/v1/users/{id}", "/api/v1/users/{owner}", null, 401, 403, 403, 200, Permission: "users.delete", Reaches: true),
        new("GET", "/api/v1/items", "/api/v1/items", null, 401, 200, 200, 200, Permission: "items.read.any"),
        new("POST", "/api/v1/items", "/api/v1/items", """{"title":"New item"}""", 401, 201, 201, 201, Creates: true),
        new("GET", "/api/v1/items/{id}", "/api/v1/items/{item}", null, 401, 200, 404, 200, Permission: "items.read.any"),
        new("PUT", "/api/v1/items/{id}", "/api/v1/items/{item}", """{"title":"Changed"}""", 401, 200, 404, 200, Permission: "items.write.any", AllButIt: 403),
        new("DELETE", "/api/v1/items/{id}", "/api/v1/items/{item}", null, 401, 200, 404, 200, Permission: "items.write.any", AllButIt: 403),
        new("POST", "/api/v1/utils/test-email", "/api/v1/utils/test-email?emailTo=ops@example.com", null, 401, 403, 403, 201, Permission: "utils.test-email"),
        new("GET", "/api/v1/utils/health-check", "/api/v1/utils/health-check", null, 200, 200, 200, 200),
        new("POST", "/api/v1/logout", "/api/v1/logout", null, 401, 204, 204, 204),
        new("GET", "/api/v1/users/me/sessions", "/api/v1/users/me/sessions", null, 401, 200, 200, 200),
        new("DELETE", "/api/v1/users/me/sessions/{id}", "/api/v1/users/me/sessions/00000000-0000-0000-0000-000000000001", null, 401, 404, 404, 404),
        new("DELETE", "/api/v1/users/{id}/sessions", "/api/v1/users/{owner}/sessions", null, 401, 403, 403, 204, Permission: "sessions.revoke.any", Reaches: true),
        new("GET", "/api/v1/permissions", "/api/v1/permissions", null, 401, 403, 403, 200, Permission: "roles.manage"),
        new("GET", "/api/v1/roles", "/api/v1/roles", null, 401, 403, 403, 200, Permission: "roles.manage"),
        new("POST", "/api/v1/roles", "/api/v1/roles", """{"name":"new-role","permissions":[]}""", 401, 403, 403, 201, Creates: true, Permission: "roles.manage"),
        new("GET", "/api/v1/roles/{name}", "/api/v1/roles/{role}", null, 401, 403, 403, 200, Permission: "roles.manage"),
        new("PUT", "/api/v1/roles/{name}", "/api/v1/roles/{role}", """{"permissions":[]}""", 401, 403, 403, 200, Permission: "roles.manage", Reaches: true),
        new("DELETE", "/api/v1/roles/{name}", "/api/v1/roles/{role}", null, 401, 403, 403, 204, Permission: "roles.manage", Reaches: true),
        new("PUT", "/api/v1/users/{id}/roles", "/api/v1/users/{owner}/roles", """{"roles":["{role}"]}""", 401, 403, 403, 200, Permission: "roles.manage", Reaches: true),
        new("POST", "/api/v1/private/users", "/api/v1/private/users", """{"email":"{new}","password":"new-user-password","fullName":"Private"}""", 200, 200, 200, 200, DevelopmentOnly: true, Creates: true),
    ];
}
