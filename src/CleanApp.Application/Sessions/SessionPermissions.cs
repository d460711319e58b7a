using System.ComponentModel;

namespace CleanApp.Application.Sessions;

[Permissions]
public static class SessionPermissions
{
    [Description("Sign any user out everywhere (revoke all their sessions)")]
    public const string RevokeAny = "sessions.revoke.any";
}
