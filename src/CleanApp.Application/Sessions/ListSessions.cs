namespace CleanApp.Application.Sessions;

/// <summary>The caller's live sessions (a sign-in each, on each device), most recently used first.</summary>
[SignedIn]
public sealed record ListSessionsQuery : IQuery<IReadOnlyList<SessionDto>>;

internal sealed class ListSessionsQueryHandler(ISessionRepository sessions, ICurrentUser currentUser) : IQueryHandler<ListSessionsQuery, IReadOnlyList<SessionDto>>
{
    public async ValueTask<IReadOnlyList<SessionDto>> Handle(ListSessionsQuery query, CancellationToken cancellationToken)
    {
        var user = currentUser.Required();
        var live = await sessions.ListAsync(user.Id, cancellationToken);
        return [.. live.Select(s => new SessionDto(s.Id, s.CreatedAt, s.LastUsedAt, s.ExpiresAt, s.UserAgent, s.ClientAddress, s.Id == user.SessionId))];
    }
}
