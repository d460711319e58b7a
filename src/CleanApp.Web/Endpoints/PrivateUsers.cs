using CleanApp.Application.Users;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CleanApp.Web.Endpoints;

/// <summary>
/// The FastAPI template's local-only way to create a user without signing in (its end-to-end tests use it); is_verified
/// is accepted as the template accepts it, and, as there, stored nowhere.
/// </summary>
public sealed record PrivateUserCreate(string Email, string Password, string FullName, bool IsVerified = false);

/// <summary>Routes that exist only in Development: never mapped in any other environment.</summary>
internal static class PrivateUsers
{
    public static void MapPrivateUsers(this IEndpointRouteBuilder api)
    {
        var routes = api.MapGroup("/private").WithTags("private");
        routes.MapPost("/users", CreateAsync).WithName("CreatePrivateUser").WithSummary("Create an active, ordinary user without signing in (Development only)")
            .AllowAnonymous().ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).CreatesResource();
    }

    private static async Task<Ok<UserDto>> CreateAsync(PrivateUserCreate body, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new SignupCommand(body.Email, body.Password, body.FullName), cancellationToken));
}
