namespace CleanApp.Application.Auth;

/// <summary>
/// The refresh-token grant (RFC 6749 §6): spends the refresh token for a new bearer token and the session's next
/// refresh token. A spent token presented again revokes its session (RFC 9700 §4.14.2): whoever holds the newer one
/// is signed out too, and must sign in again. A secret the session never issued revokes nothing; two refreshes racing
/// with one token: one wins, the other gets 400 and the winner's tokens go on working.
/// </summary>
[Anonymous]
public sealed record RefreshSessionCommand(string RefreshToken, SessionClient Client) : ICommand<SignedIn>;

internal sealed class RefreshSessionCommandValidator : AbstractValidator<RefreshSessionCommand>
{
    public RefreshSessionCommandValidator() => RuleFor(c => c.RefreshToken).NotEmpty().MaximumLength(200);
}

internal sealed class RefreshSessionCommandHandler(ISessionRepository sessions, ITokenUsers users, IAccessTokens tokens) : ICommandHandler<RefreshSessionCommand, SignedIn>
{
    internal const string Invalid = "The refresh token is invalid or expired, or its session ended. Sign in again.";
    internal const string Reused = "The refresh token was used before: its session is revoked. Sign in again.";
    internal const string Superseded = "The refresh token was just spent by another refresh of this session; use the token that one answered.";

    public async ValueTask<SignedIn> Handle(RefreshSessionCommand command, CancellationToken cancellationToken)
    {
        var result = await sessions.RefreshAsync(command.RefreshToken, command.Client, cancellationToken);
        if (result.Outcome is RefreshOutcome.Reused or RefreshOutcome.Superseded)
        {
            throw new InvalidGrantException(result.Outcome == RefreshOutcome.Reused ? Reused : Superseded);
        }

        if (result is not { Outcome: RefreshOutcome.Refreshed, Session: { } session }
            || await users.FindAsync(result.UserId, session.SessionId, cancellationToken) is not { IsActive: true, SessionIsLive: true })
        {
            throw new InvalidGrantException(Invalid);
        }

        return new SignedIn(await tokens.IssueAsync(result.UserId, session.SessionId, cancellationToken), session);
    }
}
