using CleanApp.Web.Conditions;
using CleanApp.Web.Host;
using CleanApp.Application.Users;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CleanApp.Web.Endpoints;

/// <summary>
/// The FastAPI template's local-only way to create a user without signing in (its end-to-end tests use it); is_verified
/// is accepted as the template accepts it, and, as there, stored nowhere.
/// </summary>
public sealed record PrivateUserCreate(string Email, string Password, string FullName, bool IsVerified = false);

/// <summary>
/// The FastAPI template's local-only route: mapped in Development only, never in any other environment nor in the
/// documents the build writes.
/// </summary>
internal sealed class PrivateUsers : IEndpointGroup
{
    public int Order => 5;

    public void Map(IEndpointRouteBuilder api)
    {
        if (!api.ServiceProvider.GetRequiredService<IHostEnvironment>().IsDevelopment() || OpenApiBuild.IsRunning)
        {
            return;
        }

        var routes = api.MapGroup("/private").WithTags("private");
        routes.MapPost("/users", CreateAsync).WithName("CreatePrivateUser").WithSummary("Create an active, ordinary user without signing in (Development only)")
            .AllowAnonymous().ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).CreatesResource().Versioned();
    }

    private static async Task<Ok<UserDto>> CreateAsync(PrivateUserCreate body, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new SignupCommand(body.Email, body.Password, body.FullName), cancellationToken));
}
