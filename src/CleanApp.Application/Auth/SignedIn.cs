namespace CleanApp.Application.Auth;

/// <summary>What a sign-in or a refresh answers: a bearer token of the session, and the session's next refresh token.</summary>
public sealed record SignedIn(AccessToken Access, StartedSession Session);
