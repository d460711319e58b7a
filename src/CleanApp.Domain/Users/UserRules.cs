namespace CleanApp.Domain.Users;

/// <summary>The limits every user account obeys, whichever door (signup, admin, seeding) it comes through.</summary>
public static class UserRules
{
    public const int EmailMaxLength = 255;
    public const int FullNameMaxLength = 255;
    public const int PasswordMinLength = 8;
    public const int PasswordMaxLength = 128;
}
