using System.ComponentModel;
using CleanApp.Application.Common.Paging;
using CleanApp.Application.Users;
using CleanApp.Web.Conditions;
using CleanApp.Web.Host;
using CleanApp.Web.Json;
using CleanApp.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CleanApp.Web.Endpoints;

public sealed record UserCreate(string Email, string Password, string? FullName = null, bool IsActive = true, bool IsSuperuser = false);

/// <summary>Signing up: there is no way to ask for superuser rights or an inactive account here.</summary>
public sealed record UserRegister(string Email, string Password, string? FullName = null);

/// <summary>
/// Changing one's own account: name and email only; only the fields sent change. A new email needs the current password
/// (but in the snake_case profile, as in the FastAPI template).
/// </summary>
public sealed record UserUpdateMe(
    Optional<string?> FullName,
    Optional<string> Email,
    [property: Description("The current password: needed to change the email (not in the snake_case profile, the FastAPI template's, whose form sends none)")]
    string? CurrentPassword = null);

/// <summary>Changing any account (users.update); only the fields sent change.</summary>
public sealed record UserUpdate(
    Optional<string> Email,
    Optional<string?> FullName,
    Optional<bool> IsActive,
    Optional<bool> IsSuperuser,
    Optional<string> Password);

public sealed record UpdatePassword(string CurrentPassword, string NewPassword);

/// <summary>
/// The FastAPI template's local-only way to create a user without signing in (its end-to-end tests use it); is_verified
/// is accepted as the template accepts it, and, as there, stored nowhere.
/// </summary>
public sealed record PrivateUserCreate(string Email, string Password, string FullName, bool IsVerified = false);

/// <summary>The Users feature's routes, and the FastAPI template's local-only user creation (Development only).</summary>
internal sealed class Users : IEndpointGroup
{
    public int Order => 2;

    public void Map(IEndpointRouteBuilder api)
    {
        var users = api.MapGroup("/users").WithTags("users");
        users.MapGet("/", ListAsync).Sends<ListUsersQuery>().WithSummary("List users (users.read)").ProducesValidationProblem();
        users.MapPost("/", CreateAsync).Sends<CreateUserCommand>().WithSummary("Create a user (users.create)").ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).CreatesResource().Versioned();
        users.MapGet("/me", GetMeAsync).Sends<GetCurrentUserQuery>().WithSummary("Read the caller's account").Versioned();
        users.MapPatch("/me", UpdateMeAsync).Sends<UpdateCurrentUserCommand>().WithSummary("Change the caller's name or email").ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests).Versioned();
        // It checks a password: limited per client like sign-in, and its wrong guesses count toward the same lockout.
        users.MapPatch("/me/password", ChangePasswordAsync).Sends<ChangeCurrentUserPasswordCommand>().WithSummary("Change the caller's password").RequireRateLimiting(RateLimits.Auth)
            .ProducesValidationProblem();
        users.MapDelete("/me", DeleteMeAsync).Sends<DeleteCurrentUserCommand>().WithSummary("Delete the caller's account").Versioned();
        users.MapPost("/signup", SignupAsync).Sends<SignupCommand>().WithSummary("Create an account").AllowAnonymous().RequireRateLimiting(RateLimits.Auth)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).CreatesResource().Versioned();
        users.MapGet("/{id}", GetAsync).Sends<GetUserQuery>().WithSummary("Read a user (the caller, or any with users.read)").ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).Versioned();
        users.MapPatch("/{id}", UpdateAsync).Sends<UpdateUserCommand>().WithSummary("Change a user (users.update, and every permission the user holds)").ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).Versioned();
        users.MapDelete("/{id}", DeleteAsync).Sends<DeleteUserCommand>().WithSummary("Delete a user and their items (users.delete, and every permission the user holds)").ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).Versioned();

        // The FastAPI template's local-only route: mapped in Development only, never in any other environment nor in the
        // documents the build writes.
        if (api.ServiceProvider.GetRequiredService<IHostEnvironment>().IsDevelopment() && !OpenApiBuild.IsRunning)
        {
            api.MapGroup("/private").WithTags("private")
                .MapPost("/users", CreatePrivateAsync).WithName("CreatePrivateUser").WithSummary("Create an active, ordinary user without signing in (Development only)")
                .AllowAnonymous().ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).CreatesResource().Versioned();
        }
    }

    private static async Task<Ok<UserDto>> CreatePrivateAsync(PrivateUserCreate body, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new SignupCommand(body.Email, body.Password, body.FullName), cancellationToken));

    private static async Task<BufferedOk<Page<UserDto>>> ListAsync(
        ISender sender, CancellationToken cancellationToken, int skip = 0, int limit = IPagedQuery.DefaultLimit,
        [Description(Api.CursorDescription)] string? cursor = null) =>
        BufferedOk.Of(await sender.Send(new ListUsersQuery(skip, limit, cursor), cancellationToken));

    private static async Task<Created<UserDto>> CreateAsync(UserCreate body, ISender sender, CancellationToken cancellationToken) =>
        Created(await sender.Send(new CreateUserCommand(body.Email, body.Password, body.FullName, body.IsActive, body.IsSuperuser), cancellationToken));

    private static async Task<Ok<UserDto>> GetMeAsync(ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetCurrentUserQuery(), cancellationToken));

    private static async Task<Ok<UserDto>> UpdateMeAsync(UserUpdateMe body, HttpContext http, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new UpdateCurrentUserCommand(body.FullName, body.Email, body.CurrentPassword, ClientAddresses.Of(http)), cancellationToken));

    private static async Task<Ok<Confirmation>> ChangePasswordAsync(UpdatePassword body, HttpContext http, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new ChangeCurrentUserPasswordCommand(body.CurrentPassword, body.NewPassword, ClientAddresses.Of(http)), cancellationToken));

    private static async Task<Ok<Confirmation>> DeleteMeAsync(ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new DeleteCurrentUserCommand(), cancellationToken));

    private static async Task<Created<UserDto>> SignupAsync(UserRegister body, ISender sender, CancellationToken cancellationToken) =>
        Created(await sender.Send(new SignupCommand(body.Email, body.Password, body.FullName), cancellationToken));

    private static async Task<Ok<UserDto>> GetAsync(Guid id, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetUserQuery(id), cancellationToken));

    private static async Task<Ok<UserDto>> UpdateAsync(Guid id, UserUpdate body, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(
            new UpdateUserCommand(id, body.Email, body.FullName, body.IsActive, body.IsSuperuser, body.Password), cancellationToken));

    private static async Task<Ok<Confirmation>> DeleteAsync(Guid id, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new DeleteUserCommand(id), cancellationToken));

    private static Created<UserDto> Created(UserDto user) => TypedResults.Created($"/api/v1/users/{user.Id}", user);
}
