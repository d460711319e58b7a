namespace CleanApp.Application.Common;

/// <summary>
/// The settings use cases need: the product's name, where its web frontend lives (for links in mail), whether changing
/// one's email asks for the current password (not in the FastAPI template's profile, whose profile form sends none),
/// and how often an account may be sent a recovery mail (<c>RECOVERY_MAIL_COOLDOWN_SECONDS</c>).
/// </summary>
public sealed record ApplicationSettings(string ProjectName, Uri FrontendHost)
{
    public bool EmailChangeNeedsPassword { get; init; } = true;

    public TimeSpan RecoveryMailCooldown { get; init; } = TimeSpan.FromMinutes(5);
}
