using System.Net;
using System.Text.Json;
using CleanApp.Application.Common.Security;
using CleanApp.Web.FunctionalTests.Infrastructure;

namespace CleanApp.Web.FunctionalTests.Features.Roles;

/// <summary>Roles and permissions over HTTP: the catalog, custom roles, users' roles, and that a change applies at once.</summary>
public abstract class RolesTests<TFixture>(TFixture api) : ApiTest<TFixture>(api)
    where TFixture : ApiFixture
{
    private const string Support = "support-staff";
    private static readonly string[] SupportOnly = [Support];
    private static readonly string[] AdminOnly = ["admin"];
    private static readonly string[] ItemsReadAny = ["items.read.any"];
    private static readonly string[] UsersRead = ["users.read"];
    private static readonly string[] UnknownPermissions = ["items.read.any", "items.fly", "users.teleport"];
    private static readonly string[] UnknownRoles = ["ghosts", "admin", "nobody"];
    private static readonly string[] MalformedPermissions = ["ITEMS READ"];
    private static readonly string[] Managers = ["managers"];
    private static readonly string[] Readers = ["readers"];
    private static readonly string[] UsersDelete = ["users.delete"];
    private static readonly string[] HelpdeskWidened = ["users.read", "users.update", "users.recovery-mail", "sessions.revoke.any", "roles.manage", "users.delete"];

    /// <summary>A JSON field's name as the profile spells it.</summary>
    private string Field(string camelCase) => Api.Wire($"\"{camelCase}\":")[1..^2];

    private HttpStatusCode Created => (HttpStatusCode)Api.CreatedStatus;

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];

    private async Task<(Guid Id, HttpClient Client)> UserWithItemsAsync(string email, int items)
    {
        var user = await Api.CreateUserAsync(email, "user-password-1");
        var client = await Api.SignedInAsync(email, "user-password-1");
        for (var i = 0; i < items; i++)
        {
            Assert.Equal(Created, (await client.PostJson("/api/v1/items", new { title = $"{email} {i}" })).StatusCode);
        }

        return (user.Id, client);
    }

    private static async Task<int> CountAsync(HttpClient client) => (await (await client.Get("/api/v1/items?limit=100")).JsonAsync()).GetProperty("count").GetInt32();

    [Fact]
    public async Task A_role_with_items_read_any_lists_every_users_items_but_edits_none_and_taking_it_away_applies_on_the_next_request()
    {
        var admin = await Api.AdminAsync();
        var (_, alice) = await UserWithItemsAsync("alice@example.com", 3);
        var (bobId, bob) = await UserWithItemsAsync("bob@example.com", 2);
        var aliceItem = (await (await alice.Get("/api/v1/items")).JsonAsync()).GetProperty("data")[0].GetProperty("id").GetString();

        var created = await admin.PostJson("/api/v1/roles", new { name = Support, permissions = ItemsReadAny });
        var given = await admin.PutJson($"/api/v1/users/{bobId}/roles", new { roles = SupportOnly });

        Assert.Equal(Created, created.StatusCode);
        Assert.Equal(Api.CreatedStatus == 201 ? $"/api/v1/roles/{Support}" : null, created.Headers.Location?.OriginalString); // snake_case: 200, as FastAPI
        Assert.Equal(HttpStatusCode.OK, given.StatusCode);
        Assert.Equal([Support], Strings((await given.JsonAsync()).GetProperty("roles")));
        // The same token as before the role: what it may do is read on each request, not carried in the token.
        Assert.Equal(5, await CountAsync(bob));
        Assert.Equal(HttpStatusCode.OK, (await bob.Get($"/api/v1/items/{aliceItem}")).StatusCode);
        var edit = await bob.PutJson($"/api/v1/items/{aliceItem}", new { title = "taken over" });
        Assert.Equal(HttpStatusCode.Forbidden, edit.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await bob.Delete($"/api/v1/items/{aliceItem}")).StatusCode);
        Assert.Equal(3, await CountAsync(alice));

        Assert.Equal(HttpStatusCode.OK, (await admin.PutJson($"/api/v1/users/{bobId}/roles", new { roles = Array.Empty<string>() })).StatusCode);

        Assert.Equal(2, await CountAsync(bob));
        Assert.Equal(HttpStatusCode.NotFound, (await bob.Get($"/api/v1/items/{aliceItem}")).StatusCode);
    }

    [Fact]
    public async Task Changing_or_deleting_a_role_applies_to_its_members_on_their_next_request()
    {
        var admin = await Api.AdminAsync();
        var (bobId, bob) = await UserWithItemsAsync("bob@example.com", 0);
        await Api.GrantAsync(bobId, Support, "users.read");
        Assert.Equal(HttpStatusCode.OK, (await bob.Get("/api/v1/users")).StatusCode);

        var changed = await admin.PutJson($"/api/v1/roles/{Support}", new { permissions = ItemsReadAny });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(["items.read.any"], Strings((await changed.JsonAsync()).GetProperty("permissions")));
        Assert.Equal(HttpStatusCode.Forbidden, (await bob.Get("/api/v1/users")).StatusCode);
        var me = await (await bob.Get("/api/v1/users/me")).JsonAsync();
        Assert.Equal([Support], Strings(me.GetProperty("roles")));
        Assert.Equal(["items.read.any"], Strings(me.GetProperty("permissions")));

        Assert.Equal(HttpStatusCode.NoContent, (await admin.Delete($"/api/v1/roles/{Support}")).StatusCode);
        me = await (await bob.Get("/api/v1/users/me")).JsonAsync();
        Assert.Empty(Strings(me.GetProperty("roles")));
        Assert.Empty(Strings(me.GetProperty("permissions")));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.Get($"/api/v1/roles/{Support}")).StatusCode);
    }

    [Fact]
    public async Task A_role_given_through_one_instance_applies_on_another_at_once()
    {
        var (bobId, bob) = await UserWithItemsAsync("bob@example.com", 0);
        await using var second = Api.NewInstance();
        var onSecond = second.CreateClient();
        onSecond.DefaultRequestHeaders.Authorization = bob.DefaultRequestHeaders.Authorization;
        Assert.Equal(HttpStatusCode.Forbidden, (await onSecond.Get("/api/v1/users")).StatusCode);

        var admin = await Api.AdminAsync();
        Assert.Equal(Created, (await admin.PostJson("/api/v1/roles", new { name = Support, permissions = UsersRead })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutJson($"/api/v1/users/{bobId}/roles", new { roles = SupportOnly })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await onSecond.Get("/api/v1/users")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await admin.PutJson($"/api/v1/roles/{Support}", new { permissions = Array.Empty<string>() })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await onSecond.Get("/api/v1/users")).StatusCode);
    }

    [Fact]
    public async Task The_built_in_admin_role_can_be_neither_created_changed_nor_deleted()
    {
        var admin = await Api.AdminAsync();

        var create = await admin.PostJson("/api/v1/roles", new { name = "admin", permissions = Array.Empty<string>() });
        var change = await admin.PutJson("/api/v1/roles/admin", new { permissions = UsersRead });
        var delete = await admin.Delete("/api/v1/roles/admin");
        var roles = await (await admin.Get("/api/v1/roles")).JsonAsync();

        Assert.Equal(Api.CreatedStatus == 201 ? HttpStatusCode.Conflict : HttpStatusCode.BadRequest, create.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, change.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, delete.StatusCode);
        Assert.Contains("built-in", (await change.ProblemAsync()).Detail, StringComparison.Ordinal);
        var builtIn = roles[0];
        Assert.Equal("admin", builtIn.GetProperty("name").GetString());
        Assert.True(builtIn.GetProperty(Field("builtIn")).GetBoolean());
        Assert.Equal(PermissionCatalog.All.Select(p => p.Name), Strings(builtIn.GetProperty("permissions")));
    }

    [Fact]
    public async Task Unknown_permissions_and_roles_are_422_naming_each_and_malformed_names_are_invalid_input()
    {
        var admin = await Api.AdminAsync();
        var bob = await Api.CreateUserAsync("bob@example.com");

        var unknownPermissions = await admin.PostJson("/api/v1/roles", new { name = Support, permissions = UnknownPermissions });
        var unknownRoles = await admin.PutJson($"/api/v1/users/{bob.Id}/roles", new { roles = UnknownRoles });
        var malformedName = await admin.PostJson("/api/v1/roles", new { name = "Support Staff!", permissions = Array.Empty<string>() });
        var longName = await admin.PostJson("/api/v1/roles", new { name = new string('a', 51), permissions = Array.Empty<string>() });
        var malformedPermission = await admin.PostJson("/api/v1/roles", new { name = Support, permissions = MalformedPermissions });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknownPermissions.StatusCode);
        var permissionErrors = (await unknownPermissions.ProblemAsync()).Errors["permissions"];
        Assert.Equal(2, permissionErrors.Length);
        Assert.Contains(permissionErrors, m => m.Contains("'items.fly'", StringComparison.Ordinal));
        Assert.Contains(permissionErrors, m => m.Contains("'users.teleport'", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknownRoles.StatusCode);
        var roleErrors = (await unknownRoles.ProblemAsync()).Errors["roles"];
        Assert.Equal(["'ghosts' is not a role (GET /api/v1/roles lists them).", "'nobody' is not a role (GET /api/v1/roles lists them)."], roleErrors);
        Assert.Equal((HttpStatusCode)Api.InvalidInputStatus, malformedName.StatusCode);
        Assert.Equal((HttpStatusCode)Api.InvalidInputStatus, longName.StatusCode);
        Assert.Equal((HttpStatusCode)Api.InvalidInputStatus, malformedPermission.StatusCode);
        Assert.Equal(1, (await (await admin.Get("/api/v1/roles")).JsonAsync()).GetArrayLength()); // only the built-in one
        Assert.False((await (await admin.Get($"/api/v1/users/{bob.Id}")).JsonAsync()).GetProperty(Field("isSuperuser")).GetBoolean());
    }

    [Fact]
    public async Task A_taken_role_name_is_a_conflict()
    {
        var admin = await Api.AdminAsync();
        Assert.Equal(Created, (await admin.PostJson("/api/v1/roles", new { name = Support, permissions = UsersRead })).StatusCode);

        var again = await admin.PostJson("/api/v1/roles", new { name = Support, permissions = Array.Empty<string>() });

        Assert.Equal(Api.CreatedStatus == 201 ? HttpStatusCode.Conflict : HttpStatusCode.BadRequest, again.StatusCode); // snake_case: FastAPI's 400
        var role = await (await admin.Get($"/api/v1/roles/{Support}")).JsonAsync();
        Assert.Equal(["users.read"], Strings(role.GetProperty("permissions")));
    }

    [Fact]
    public async Task Is_superuser_is_the_admin_role_both_ways()
    {
        var admin = await Api.AdminAsync();
        var bob = await Api.CreateUserAsync("bob@example.com", "bob-password-1");
        var bobClient = await Api.SignedInAsync("bob@example.com", "bob-password-1");
        Assert.Equal(HttpStatusCode.Forbidden, (await bobClient.Get("/api/v1/roles")).StatusCode);

        var patched = await (await admin.PatchJson($"/api/v1/users/{bob.Id}", new Dictionary<string, object> { [Field("isSuperuser")] = true })).JsonAsync();
        Assert.Equal(["admin"], Strings(patched.GetProperty("roles")));
        Assert.Equal(HttpStatusCode.OK, (await bobClient.Get("/api/v1/roles")).StatusCode);

        var demoted = await (await admin.PutJson($"/api/v1/users/{bob.Id}/roles", new { roles = Array.Empty<string>() })).JsonAsync();
        Assert.False(demoted.GetProperty(Field("isSuperuser")).GetBoolean());
        Assert.Equal(HttpStatusCode.Forbidden, (await bobClient.Get("/api/v1/roles")).StatusCode);

        var promoted = await (await admin.PutJson($"/api/v1/users/{bob.Id}/roles", new { roles = AdminOnly })).JsonAsync();
        Assert.True(promoted.GetProperty(Field("isSuperuser")).GetBoolean());
        Assert.Equal(PermissionCatalog.All.Select(p => p.Name), Strings(promoted.GetProperty("permissions")));

        var removed = await (await admin.PatchJson($"/api/v1/users/{bob.Id}", new Dictionary<string, object> { [Field("isSuperuser")] = false })).JsonAsync();
        Assert.Empty(Strings(removed.GetProperty("roles")));
        Assert.Equal(HttpStatusCode.Forbidden, (await bobClient.Get("/api/v1/roles")).StatusCode);
    }

    [Fact]
    public async Task The_last_active_superuser_cannot_leave_the_admin_role_and_an_unknown_user_is_404()
    {
        var admin = await Api.AdminAsync();
        var me = await (await admin.Get("/api/v1/users/me")).JsonAsync();

        var leaving = await admin.PutJson($"/api/v1/users/{me.GetProperty("id").GetString()}/roles", new { roles = Array.Empty<string>() });
        var nobody = await admin.PutJson($"/api/v1/users/{Guid.CreateVersion7()}/roles", new { roles = Array.Empty<string>() });

        Assert.Equal(HttpStatusCode.Conflict, leaving.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, nobody.StatusCode);
        Assert.True((await (await admin.Get("/api/v1/users/me")).JsonAsync()).GetProperty(Field("isSuperuser")).GetBoolean());
    }

    [Fact]
    public async Task A_role_manager_who_is_no_superuser_cannot_make_a_superuser_and_a_user_manager_cannot_touch_one()
    {
        var manager = await Api.CreateUserAsync("manager@example.com", "manager-password");
        await Api.GrantAsync(manager.Id, "managers", "roles.manage", "users.update", "users.delete", "users.create");
        var client = await Api.SignedInAsync("manager@example.com", "manager-password");
        var bob = await Api.CreateUserAsync("bob@example.com");
        var root = await Api.CreateUserAsync("root@example.com", isSuperuser: true);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.PutJson($"/api/v1/users/{bob.Id}/roles", new { roles = AdminOnly })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PatchJson($"/api/v1/users/{bob.Id}", new Dictionary<string, object> { [Field("isSuperuser")] = true })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PatchJson($"/api/v1/users/{root.Id}", new Dictionary<string, object> { ["password"] = "taken-over-password" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.Delete($"/api/v1/users/{root.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostJson("/api/v1/users", new Dictionary<string, object> { ["email"] = "new@example.com", ["password"] = "new-user-password", [Field("isSuperuser")] = true })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PatchJson($"/api/v1/users/{bob.Id}", new Dictionary<string, object> { [Field("fullName")] = "Bob" })).StatusCode);
        await Api.GrantAsync(manager.Id, "managers", "roles.manage", "users.update", "users.recovery-mail");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.Post("/api/v1/password-recovery-html-content/root@example.com")).StatusCode); // a working link to a superuser's account
        Assert.Equal(HttpStatusCode.OK, (await client.Post("/api/v1/password-recovery-html-content/bob@example.com")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PutJson($"/api/v1/users/{bob.Id}/roles", new { roles = Managers })).StatusCode);
    }

    [Fact]
    public async Task No_permission_reaches_beyond_its_holder_through_an_account_a_role_or_a_session()
    {
        var helpdesk = await Api.CreateUserAsync("helpdesk@example.com", "helpdesk-password");
        await Api.GrantAsync(helpdesk.Id, "helpdesk", "users.read", "users.update", "users.recovery-mail", "sessions.revoke.any", "roles.manage");
        var manager = await Api.CreateUserAsync("manager@example.com", "manager-password");
        await Api.GrantAsync(manager.Id, "managers", "users.read", "users.delete");
        var plain = await Api.CreateUserAsync("plain@example.com");
        var admin = await Api.AdminAsync();
        var adminId = (await (await admin.Get("/api/v1/users/me")).JsonAsync()).GetProperty("id").GetString();
        var client = await Api.SignedInAsync("helpdesk@example.com", "helpdesk-password");

        var refused = new[]
        {
            await client.PatchJson($"/api/v1/users/{manager.Id}", new { password = "taken-over-password" }),
            await client.Post("/api/v1/password-recovery-html-content/manager@example.com"),
            await client.Delete($"/api/v1/users/{manager.Id}/sessions"),
            await client.Delete($"/api/v1/users/{adminId}/sessions"),
            await client.PostJson("/api/v1/roles", new { name = "escalated", permissions = UsersDelete }),
            await client.PutJson("/api/v1/roles/helpdesk", new { permissions = HelpdeskWidened }),
            await client.PutJson($"/api/v1/users/{plain.Id}/roles", new { roles = Managers }),
            await client.PutJson($"/api/v1/users/{manager.Id}/roles", new { roles = Array.Empty<string>() }),
        };

        Assert.All(refused, r => Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode));
        Assert.Contains("users.delete", (await refused[0].ProblemAsync()).Detail, StringComparison.Ordinal); // names what the caller lacks
        Assert.Equal(HttpStatusCode.OK, (await Api.LoginAsync("manager@example.com", "manager-password")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.Get("/api/v1/users/me")).StatusCode);
        // Within what it holds, it acts.
        Assert.Equal(HttpStatusCode.OK, (await client.PatchJson($"/api/v1/users/{plain.Id}", new { password = "a-new-password" })).StatusCode);
        Assert.Equal(Created, (await client.PostJson("/api/v1/roles", new { name = "readers", permissions = UsersRead })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PutJson($"/api/v1/users/{plain.Id}/roles", new { roles = Readers })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.Delete($"/api/v1/users/{plain.Id}/sessions")).StatusCode);
    }

    [Theory]
    [InlineData("admin\n")]
    [InlineData("support\n")]
    [InlineData("ops\u0007")]
    public async Task A_role_name_with_a_control_character_is_refused(string escaped)
    {
        var admin = await Api.AdminAsync();

        var response = await admin.Send(HttpMethod.Post, "/api/v1/roles", $$"""{"name":"{{escaped}}","permissions":[]}""");

        Assert.Equal((HttpStatusCode)Api.InvalidInputStatus, response.StatusCode);
        Assert.Equal(1, (await (await admin.Get("/api/v1/roles")).JsonAsync()).GetArrayLength()); // the built-in role only
    }

    [Fact]
    public async Task The_catalog_lists_every_permission_with_its_description_and_the_answers_carry_roles_and_permissions()
    {
        var admin = await Api.AdminAsync();

        var catalog = await (await admin.Get("/api/v1/permissions")).JsonAsync();
        var me = await (await admin.Get("/api/v1/users/me")).JsonAsync();
        var list = await (await admin.Get("/api/v1/users")).JsonAsync();

        Assert.Equal(PermissionCatalog.All.Count, catalog.GetArrayLength());
        Assert.Contains(catalog.EnumerateArray(), p => p.GetProperty("name").GetString() == "items.read.any" && p.GetProperty("description").GetString()!.Length > 10);
        Assert.Equal(["admin"], Strings(me.GetProperty("roles")));
        Assert.Contains("roles.manage", Strings(me.GetProperty("permissions")));
        Assert.Equal(["admin"], Strings(list.GetProperty("data")[0].GetProperty("roles")));
    }
}

public sealed class PostgresRolesTests(ApiFixture api) : RolesTests<ApiFixture>(api);

public sealed class SqliteRolesTests(SqliteApiFixture api) : RolesTests<SqliteApiFixture>(api);

public sealed class SnakeCaseRolesTests(SnakeCaseApiFixture api) : RolesTests<SnakeCaseApiFixture>(api);
