using System.ComponentModel;

namespace CleanApp.Application.Users;

/// <summary>Managing other users' accounts (everyone reads and changes their own).</summary>
[Permissions]
public static class UserPermissions
{
    [Description("List accounts and read any account")]
    public const string Read = "users.read";

    [Description("Create accounts")]
    public const string Create = "users.create";

    [Description("Change any account's fields and password (a superuser's only by a superuser)")]
    public const string Update = "users.update";

    [Description("Delete accounts (a superuser's only by a superuser)")]
    public const string Delete = "users.delete";

    [Description("Read any account's password recovery mail, with its working reset link")]
    public const string RecoveryMail = "users.recovery-mail";
}
