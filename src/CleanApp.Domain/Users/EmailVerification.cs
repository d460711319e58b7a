namespace CleanApp.Domain.Users;

/// <summary>Whether accounts prove their email address (<c>EMAIL_VERIFICATION</c>), by a single-use link mailed to it.</summary>
public enum EmailVerification
{
    /// <summary>No verification mail; every account may sign in (the FastAPI template's behaviour).</summary>
    Off,

    /// <summary>New and changed addresses are mailed a link; an unverified account may still sign in.</summary>
    Optional,

    /// <summary>As optional, and an unverified account may not sign in with its password.</summary>
    Required,
}
