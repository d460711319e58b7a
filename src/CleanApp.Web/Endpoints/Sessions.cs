using CleanApp.Application.Sessions;
using CleanApp.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CleanApp.Web.Endpoints;

/// <summary>The Sessions feature's routes: sign-out and the caller's sessions; a holder of sessions.revoke.any signs anyone out everywhere.</summary>
internal sealed class Sessions : IEndpointGroup
{
    public int Order => 6;

    public void Map(IEndpointRouteBuilder api)
    {
        var sessions = api.MapGroup(string.Empty).WithTags("login");
        sessions.MapPost("/logout", LogoutAsync).Sends<LogoutCommand>().WithSummary("Sign out: revoke the caller's session (its bearer and refresh tokens)");
        sessions.MapGet("/users/me/sessions", ListAsync).Sends<ListSessionsQuery>().WithSummary("List the caller's live sessions (the current one marked)");
        sessions.MapDelete("/users/me/sessions/{id}", RevokeAsync).Sends<RevokeSessionCommand>().WithSummary("Revoke one of the caller's sessions")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        sessions.MapDelete("/users/{id}/sessions", RevokeUserAsync).Sends<RevokeUserSessionsCommand>().WithSummary("Revoke every session of a user (sessions.revoke.any)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<NoContent> LogoutAsync(HttpContext http, ISender sender, CancellationToken cancellationToken)
    {
        await sender.Send(new LogoutCommand(), cancellationToken);
        RefreshCookie.Clear(http);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<IReadOnlyList<SessionDto>>> ListAsync(ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new ListSessionsQuery(), cancellationToken));

    private static async Task<NoContent> RevokeAsync(Guid id, ISender sender, CancellationToken cancellationToken)
    {
        await sender.Send(new RevokeSessionCommand(id), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> RevokeUserAsync(Guid id, ISender sender, CancellationToken cancellationToken)
    {
        await sender.Send(new RevokeUserSessionsCommand(id), cancellationToken);
        return TypedResults.NoContent();
    }
}
