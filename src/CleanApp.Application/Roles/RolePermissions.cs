using System.ComponentModel;

namespace CleanApp.Application.Roles;

[Permissions]
public static class RolePermissions
{
    [Description("Create, change and delete roles and give users roles (the built-in admin role only a superuser gives)")]
    public const string Manage = "roles.manage";
}
