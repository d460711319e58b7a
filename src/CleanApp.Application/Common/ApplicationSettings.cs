using CleanApp.Domain.Users;

namespace CleanApp.Application.Common;

/// <summary>
/// The settings use cases need: the product's name, where its web frontend lives (for links in mail), whether changing
/// one's email asks for the current password (not in the FastAPI template's profile, whose profile form sends none),
/// how often an account may be sent a recovery or verification mail (<c>RECOVERY_MAIL_COOLDOWN_SECONDS</c>), and
/// whether addresses are verified (<c>EMAIL_VERIFICATION</c>) with links valid how long (<c>EMAIL_VERIFY_TOKEN_EXPIRE_HOURS</c>).
/// </summary>
public sealed record ApplicationSettings(string ProjectName, Uri FrontendHost)
{
    public bool EmailChangeNeedsPassword { get; init; } = true;

    public TimeSpan RecoveryMailCooldown { get; init; } = TimeSpan.FromMinutes(5);

    public EmailVerification EmailVerification { get; init; } = EmailVerification.Off;

    public TimeSpan EmailVerificationLinkLifetime { get; init; } = TimeSpan.FromHours(48);
}
