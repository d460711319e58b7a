namespace CleanApp.Infrastructure.Identity.Sessions;

/// <summary>
/// How long a sign-in lasts: <c>SESSION_EXPIRE_DAYS</c> (default 30) at most, whatever is refreshed, and a refresh
/// token that is not used lapses after <c>REFRESH_TOKEN_EXPIRE_MINUTES</c> (default 20160, 14 days; each refresh starts
/// the time again).
/// </summary>
public sealed record SessionSettings(TimeSpan Lifetime, TimeSpan RefreshLifetime)
{
    public static SessionSettings Read(SettingReader settings) => new(
        TimeSpan.FromDays(settings.WholeNumber("SESSION_EXPIRE_DAYS", 30, "days")),
        TimeSpan.FromMinutes(settings.WholeNumber("REFRESH_TOKEN_EXPIRE_MINUTES", 20160, "minutes")));
}
