namespace CleanApp.Application.Users;

public static class UserErrors
{
    public const string NotFound = "User not found";
    public const string EmailTaken = "The user with this email already exists in the system";
    public const string LastSuperuser = "The last active superuser cannot demote or deactivate themselves; make another user a superuser first";
    public const string SuperuserDeletingSelf = "Super users are not allowed to delete themselves";
}
