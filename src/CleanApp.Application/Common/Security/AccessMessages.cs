namespace CleanApp.Application.Common.Security;

/// <summary>The texts of access refusals, the same wherever they are raised.</summary>
public static class AccessMessages
{
    public const string NotEnoughPrivileges = "The user doesn't have enough privileges";
    public const string InactiveUser = "Inactive user";
}
