using CleanApp.Application.Common.Security;
using CleanApp.Application.Roles;
using CleanApp.Application.Users;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CleanApp.Web.Endpoints;

/// <summary>A custom role: its name and the permissions (names from GET /api/v1/permissions) it grants.</summary>
public sealed record RoleCreate(string Name, IReadOnlyList<string> Permissions);

/// <summary>The role's permissions, all of them: what is not listed is taken away.</summary>
public sealed record RoleUpdate(IReadOnlyList<string> Permissions);

/// <summary>The user's roles, all of them: <c>admin</c> among them makes the user a superuser.</summary>
public sealed record UserRolesUpdate(IReadOnlyList<string> Roles);

/// <summary>The permission catalog, roles, and users' roles (superuser or <c>roles.manage</c>).</summary>
internal sealed class Roles : IEndpointGroup
{
    public int Order => 7;

    public void Map(IEndpointRouteBuilder api)
    {
        var roles = api.MapGroup(string.Empty).WithTags("roles");
        roles.MapGet("/permissions", ListPermissionsAsync).Sends<ListPermissionsQuery>().WithSummary("List every permission a role can grant (roles.manage)");
        roles.MapGet("/roles", ListAsync).Sends<ListRolesQuery>().WithSummary("List the roles: the built-in admin role, then the custom ones (roles.manage)");
        roles.MapPost("/roles", CreateAsync).Sends<CreateRoleCommand>().WithSummary("Create a custom role (roles.manage)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).CreatesResource();
        roles.MapGet("/roles/{name}", GetAsync).Sends<GetRoleQuery>().WithSummary("Read a role (roles.manage)").ProducesProblem(StatusCodes.Status404NotFound);
        roles.MapPut("/roles/{name}", UpdateAsync).Sends<UpdateRoleCommand>().WithSummary("Set a custom role's permissions (roles.manage; the built-in role: 409)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        roles.MapDelete("/roles/{name}", DeleteAsync).Sends<DeleteRoleCommand>().WithSummary("Delete a custom role (roles.manage; the built-in role: 409)")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        roles.MapPut("/users/{id}/roles", SetUserRolesAsync).Sends<SetUserRolesCommand>().WithSummary("Set a user's roles (roles.manage; admin: a superuser only)")
            .WithTags("users").ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<Ok<IReadOnlyList<PermissionDto>>> ListPermissionsAsync(ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new ListPermissionsQuery(), cancellationToken));

    private static async Task<Ok<IReadOnlyList<RoleDto>>> ListAsync(ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new ListRolesQuery(), cancellationToken));

    private static async Task<Created<RoleDto>> CreateAsync(RoleCreate body, ISender sender, CancellationToken cancellationToken)
    {
        var role = await sender.Send(new CreateRoleCommand(body.Name, body.Permissions), cancellationToken);
        return TypedResults.Created($"/api/v1/roles/{Uri.EscapeDataString(role.Name)}", role);
    }

    private static async Task<Ok<RoleDto>> GetAsync(string name, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetRoleQuery(name), cancellationToken));

    private static async Task<Ok<RoleDto>> UpdateAsync(string name, RoleUpdate body, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new UpdateRoleCommand(name, body.Permissions), cancellationToken));

    private static async Task<NoContent> DeleteAsync(string name, ISender sender, CancellationToken cancellationToken)
    {
        await sender.Send(new DeleteRoleCommand(name), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<UserDto>> SetUserRolesAsync(Guid id, UserRolesUpdate body, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new SetUserRolesCommand(id, body.Roles), cancellationToken));
}
