using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using CleanApp.Infrastructure.Configuration;
using CleanApp.Testing;
using CleanApp.Web.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CleanApp.Web.FunctionalTests.Contract;

/// <summary>
/// API_JSON_NAMING=snake_case: the FastAPI template's exact request bodies (../shared/spec/fastapi-compat.md, and what
/// its frontend's forms send, read from its components) work on every route; the answers carry its field names, the
/// values sent and its status codes; properties its models do not declare are ignored, never stored or answered; the
/// served document is the committed openapi_snake_case.json.
/// </summary>
public class SnakeCaseProfileTests(SnakeCaseApiFixture api) : ApiTest<SnakeCaseApiFixture>(api)
{
    // The template's fields, and the audit fields and version CleanApp adds (its clients ignore fields they do not know).
    private static readonly string[] UserPublic = ["created_at", "created_by", "email", "email_verified", "full_name", "id", "is_active", "is_superuser", "mfa_enabled", "permissions", "roles", "updated_at", "updated_by", "version"];
    private static readonly string[] ItemPublic = ["created_at", "created_by", "description", "id", "owner_id", "title", "updated_at", "updated_by", "version"];

    [Fact]
    public async Task Signing_up_with_full_name_stores_it_and_the_answer_is_UserPublic()
    {
        var created = await Api.Client().Send(HttpMethod.Post, "/api/v1/users/signup", """{"email":"ann@example.com","password":"ann-password-1","full_name":"Ann Smith"}""");

        var user = await Json(created);
        Assert.Equal(UserPublic, Keys(user));
        Assert.Equal("Ann Smith", user.GetProperty("full_name").GetString());
        var me = await Json(await (await Api.SignedInAsync("ann@example.com", "ann-password-1")).Get("/api/v1/users/me"));
        Assert.Equal("Ann Smith", me.GetProperty("full_name").GetString());
        Assert.False(me.GetProperty("is_superuser").GetBoolean());
    }

    [Fact]
    public async Task The_template_login_form_gives_the_token_and_the_admin_reads_is_superuser_true()
    {
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["username"] = ApiFixture.AdminEmail,
            ["password"] = ApiFixture.AdminPassword,
            ["scope"] = "",
            ["client_id"] = "",
            ["client_secret"] = "",
        });
        var token = await Json(await Api.Client().PostAsync(Http.Url("/api/v1/login/access-token"), form, Token));
        var admin = Api.Client(token.GetProperty("access_token").GetString());

        Assert.Equal("bearer", token.GetProperty("token_type").GetString());
        var me = await Json(await admin.Get("/api/v1/users/me"));
        Assert.Equal(UserPublic, Keys(me));
        Assert.True(me.GetProperty("is_superuser").GetBoolean());
        Assert.Equal(UserPublic, Keys(await Json(await admin.Post("/api/v1/login/test-token"))));
    }

    [Fact]
    public async Task A_superuser_creates_lists_reads_updates_and_deletes_users_with_the_template_bodies()
    {
        var admin = await Api.AdminAsync();

        var created = await Json(await admin.Send(HttpMethod.Post, "/api/v1/users/",
            """{"email":"bob@example.com","is_active":true,"is_superuser":true,"full_name":"Bob","password":"bob-password-1"}"""));
        var id = created.GetProperty("id").GetString();
        Assert.Equal(UserPublic, Keys(created));
        Assert.True(created.GetProperty("is_superuser").GetBoolean());
        Assert.Equal("Bob", created.GetProperty("full_name").GetString());

        var page = await Json(await admin.Get("/api/v1/users/?skip=0&limit=100"));
        Assert.Equal(2, page.GetProperty("count").GetInt32());
        Assert.All(page.GetProperty("data").EnumerateArray(), user => Assert.Equal(UserPublic, Keys(user)));

        var updated = await Json(await admin.Send(HttpMethod.Patch, $"/api/v1/users/{id}",
            """{"email":"robert@example.com","is_active":false,"is_superuser":false,"full_name":"Robert"}"""));
        Assert.Equal(("robert@example.com", false, false, "Robert"), (
            updated.GetProperty("email").GetString(), updated.GetProperty("is_active").GetBoolean(),
            updated.GetProperty("is_superuser").GetBoolean(), updated.GetProperty("full_name").GetString()));
        Assert.Equal("Robert", (await Json(await admin.Get($"/api/v1/users/{id}"))).GetProperty("full_name").GetString());

        var deleted = await Json(await admin.Delete($"/api/v1/users/{id}"));
        Assert.Equal(["message"], Keys(deleted));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.Get($"/api/v1/users/{id}")).StatusCode);
    }

    [Fact]
    public async Task A_user_changes_their_name_email_and_password_with_the_template_bodies_and_deletes_themselves()
    {
        await Api.CreateUserAsync("cat@example.com", "cat-password-1");
        var cat = await Api.SignedInAsync("cat@example.com", "cat-password-1");

        var me = await Json(await cat.Send(HttpMethod.Patch, "/api/v1/users/me", """{"full_name":"Cat","email":"kat@example.com"}"""));
        Assert.Equal(("Cat", "kat@example.com"), (me.GetProperty("full_name").GetString(), me.GetProperty("email").GetString()));

        var changed = await Json(await cat.Send(HttpMethod.Patch, "/api/v1/users/me/password", """{"current_password":"cat-password-1","new_password":"cat-password-2"}"""));
        Assert.Equal(["message"], Keys(changed));
        Assert.Equal(HttpStatusCode.OK, (await Api.LoginAsync("kat@example.com", "cat-password-2")).StatusCode);

        var again = await Api.SignedInAsync("kat@example.com", "cat-password-2");
        Assert.Equal(HttpStatusCode.OK, (await again.Delete("/api/v1/users/me")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Api.LoginAsync("kat@example.com", "cat-password-2")).StatusCode);
    }

    [Fact]
    public async Task Items_are_created_listed_read_updated_and_deleted_with_owner_id_in_every_answer()
    {
        var admin = await Api.AdminAsync();
        var adminId = (await Json(await admin.Get("/api/v1/users/me"))).GetProperty("id").GetString();

        var item = await Json(await admin.Send(HttpMethod.Post, "/api/v1/items/", """{"title":"Milk","description":"two litres"}"""));
        var id = item.GetProperty("id").GetString();
        Assert.Equal(ItemPublic, Keys(item));
        Assert.Equal(adminId, item.GetProperty("owner_id").GetString());

        var page = await Json(await admin.Get("/api/v1/items/?skip=0&limit=100"));
        Assert.Equal(1, page.GetProperty("count").GetInt32());
        Assert.Equal(adminId, page.GetProperty("data")[0].GetProperty("owner_id").GetString());
        Assert.Contains("count", Keys(page));

        var updated = await Json(await admin.Send(HttpMethod.Put, $"/api/v1/items/{id}", """{"title":"Oat milk","description":null}"""));
        Assert.Equal(("Oat milk", JsonValueKind.Null), (updated.GetProperty("title").GetString(), updated.GetProperty("description").ValueKind));
        Assert.Equal("Oat milk", (await Json(await admin.Get($"/api/v1/items/{id}"))).GetProperty("title").GetString());
        Assert.Equal(["message"], Keys(await Json(await admin.Delete($"/api/v1/items/{id}"))));
    }

    [Fact]
    public async Task Password_recovery_mails_a_link_the_reset_with_new_password_uses_once()
    {
        await Api.CreateUserAsync("dan@example.com", "dan-password-1");

        var sent = await Json(await Api.Client().Post("/api/v1/password-recovery/dan@example.com"));
        var token = await Api.ResetTokenFromMailAsync();
        var reset = await Api.Client().Send(HttpMethod.Post, "/api/v1/reset-password/", $$"""{"token":"{{token}}","new_password":"dan-password-2"}""");

        Assert.Equal(["message"], Keys(sent));
        Assert.Equal(["message"], Keys(await Json(reset)));
        Assert.Equal(HttpStatusCode.OK, (await Api.LoginAsync("dan@example.com", "dan-password-2")).StatusCode);
    }

    [Fact]
    public async Task A_superuser_reads_the_recovery_mail_as_html_and_an_unknown_email_is_the_templates_404()
    {
        await Api.CreateUserAsync("eve@example.com", "eve-password-1");
        var admin = await Api.AdminAsync();

        var html = await admin.Post("/api/v1/password-recovery-html-content/eve@example.com");
        var unknown = await (await admin.Post("/api/v1/password-recovery-html-content/nobody@example.com")).ProblemAsync();

        Assert.Equal(HttpStatusCode.OK, html.StatusCode);
        Assert.Equal("text/html", html.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"{ApiFixture.FrontendHost}/reset-password?token=", await html.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        await Api.AssertNothingElseMailedAsync();
        Assert.Equal((404, "The user with this username does not exist in the system."), (unknown.Status, unknown.Detail));
    }

    [Fact]
    public async Task The_private_route_creates_a_user_with_the_template_body_in_Development()
    {
        var user = await Json(await Api.Client().Send(HttpMethod.Post, "/api/v1/private/users/",
            """{"email":"fay@example.com","password":"fay-password-1","full_name":"Fay","is_verified":true}"""));

        Assert.Equal(UserPublic, Keys(user));
        Assert.Equal("Fay", user.GetProperty("full_name").GetString());
        Assert.Equal(HttpStatusCode.OK, (await Api.LoginAsync("fay@example.com", "fay-password-1")).StatusCode);
    }

    [Fact]
    public async Task Utils_take_email_to_and_answer_the_health_check()
    {
        var admin = await Api.AdminAsync();

        Assert.Equal(HttpStatusCode.Created, (await admin.Post("/api/v1/utils/test-email/?email_to=ops@example.com")).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await admin.Post("/api/v1/utils/test-email/?emailTo=ops@example.com")).StatusCode);
        Assert.True((await Json(await Api.Client().Get("/api/v1/utils/health-check/"))).GetBoolean());
    }

    /// <summary>The Add User dialog (components/Admin/AddUser.tsx) sends its whole form, confirm_password included.</summary>
    internal const string AddUserForm =
        """{"email":"hal@example.com","full_name":"Hal","password":"hal-password-1","confirm_password":"hal-password-1","is_superuser":false,"is_active":true}""";

    /// <summary>The Change Password form (components/UserSettings/ChangePassword.tsx), confirm_password included.</summary>
    internal const string ChangePasswordForm =
        """{"current_password":"admin-password-1","new_password":"admin-password-2","confirm_password":"admin-password-2"}""";

    [Fact]
    public async Task The_Add_User_dialogs_body_creates_the_user_and_confirm_password_is_neither_stored_nor_answered()
    {
        var admin = await Api.AdminAsync();

        var response = await admin.Send(HttpMethod.Post, "/api/v1/users/", AddUserForm);

        var user = await Json(response);
        Assert.Null(response.Headers.Location);
        Assert.Equal(UserPublic, Keys(user));
        Assert.Equal(("hal@example.com", "Hal", true, false), (
            user.GetProperty("email").GetString(), user.GetProperty("full_name").GetString(),
            user.GetProperty("is_active").GetBoolean(), user.GetProperty("is_superuser").GetBoolean()));
        Assert.Equal(HttpStatusCode.OK, (await Api.LoginAsync("hal@example.com", "hal-password-1")).StatusCode);
    }

    [Fact]
    public async Task The_Change_Password_forms_body_changes_the_password()
    {
        var admin = await Api.AdminAsync();

        var changed = await Json(await admin.Send(HttpMethod.Patch, "/api/v1/users/me/password", ChangePasswordForm));
        var same = await (await (await Api.SignedInAsync(ApiFixture.AdminEmail, "admin-password-2")).Send(HttpMethod.Patch, "/api/v1/users/me/password",
            """{"current_password":"admin-password-2","new_password":"admin-password-2","confirm_password":"admin-password-2"}""")).ProblemAsync();

        Assert.Equal("Password updated successfully", changed.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.OK, (await Api.LoginAsync(ApiFixture.AdminEmail, "admin-password-2")).StatusCode);
        Assert.Equal((400, "New password cannot be the same as the current one"), (same.Status, same.Detail));
    }

    [Fact]
    public async Task The_other_forms_bodies_are_answered_as_the_template_answers_them()
    {
        // Sign-up (routes/signup.tsx drops confirm_password), Add Item (description "" by default), Edit Item, the
        // user settings (only the fields that changed) and Edit User (without confirm_password, and without an empty
        // password).
        var signup = await Json(await Api.Client().Send(HttpMethod.Post, "/api/v1/users/signup", """{"email":"ivy@example.com","full_name":"Ivy","password":"ivy-password-1"}"""));
        var ivy = await Api.SignedInAsync("ivy@example.com", "ivy-password-1");
        var item = await Json(await ivy.Send(HttpMethod.Post, "/api/v1/items/", """{"title":"Tea","description":""}"""));
        var edited = await Json(await ivy.Send(HttpMethod.Put, $"/api/v1/items/{item.GetProperty("id").GetString()}", """{"title":"Green tea","description":"loose"}"""));
        var me = await Json(await ivy.Send(HttpMethod.Patch, "/api/v1/users/me", """{"full_name":"Ivy Lee"}"""));
        var byAdmin = await Json(await (await Api.AdminAsync()).Send(HttpMethod.Patch, $"/api/v1/users/{signup.GetProperty("id").GetString()}",
            """{"email":"ivy@example.com","full_name":"Ivy L.","is_superuser":false,"is_active":true}"""));

        Assert.Equal("", item.GetProperty("description").GetString());
        Assert.Equal(("Green tea", "loose"), (edited.GetProperty("title").GetString(), edited.GetProperty("description").GetString()));
        Assert.Equal("Ivy Lee", me.GetProperty("full_name").GetString());
        Assert.Equal("Ivy L.", byAdmin.GetProperty("full_name").GetString());
    }

    [Fact]
    public async Task Properties_the_template_does_not_declare_are_ignored_on_signup_never_stored_or_answered()
    {
        var answer = await Json(await Api.Client().Send(HttpMethod.Post, "/api/v1/users/signup",
            """{"email":"gus@example.com","password":"gus-password-1","fullName":"Gus","is_superuser":true,"is_active":false}"""));

        Assert.Equal(UserPublic, Keys(answer));
        await AssertGusIsAnOrdinaryActiveUserWithoutANameAsync();
    }

    [Fact]
    public async Task Properties_the_template_does_not_declare_are_ignored_on_a_change_never_stored_or_answered()
    {
        await Api.CreateUserAsync("gus@example.com", "gus-password-1");
        var gus = await Api.SignedInAsync("gus@example.com", "gus-password-1");

        var answer = await Json(await gus.Send(HttpMethod.Patch, "/api/v1/users/me", """{"fullName":"Gus","is_superuser":true,"is_active":false}"""));

        Assert.Equal(UserPublic, Keys(answer));
        await AssertGusIsAnOrdinaryActiveUserWithoutANameAsync();
    }

    [Fact]
    public async Task A_taken_email_is_400_on_create_and_signup_and_409_on_a_change_as_in_the_template()
    {
        var admin = await Api.AdminAsync();
        var ann = await Api.CreateUserAsync("ann@example.com", "ann-password-1");
        await Api.CreateUserAsync("bea@example.com", "bea-password-1");

        var create = await (await admin.Send(HttpMethod.Post, "/api/v1/users/", """{"email":"ann@example.com","password":"any-password-1"}""")).ProblemAsync();
        var signup = await (await Api.Client().Send(HttpMethod.Post, "/api/v1/users/signup", """{"email":"ANN@example.com","password":"any-password-1"}""")).ProblemAsync();
        var changeMe = await (await (await Api.SignedInAsync("bea@example.com", "bea-password-1")).Send(HttpMethod.Patch, "/api/v1/users/me", """{"email":"ann@example.com"}""")).ProblemAsync();
        var change = await (await admin.Send(HttpMethod.Patch, $"/api/v1/users/{ann.Id}", """{"email":"bea@example.com"}""")).ProblemAsync();

        Assert.Equal((400, "The user with this email already exists in the system"), (create.Status, create.Detail));
        Assert.Equal((400, "The user with this email already exists in the system"), (signup.Status, signup.Detail));
        Assert.Equal((409, 409), (changeMe.Status, change.Status));
        Assert.Equal(3, (await Json(await admin.Get("/api/v1/users/"))).GetProperty("count").GetInt32());
    }

    [Theory]
    [InlineData("POST", "/api/v1/users/signup", """{"email":"not-an-email","password":"long-enough-1"}""", "email")]
    [InlineData("POST", "/api/v1/items/", """{"description":"no title"}""", "title")]
    [InlineData("GET", "/api/v1/items/not-a-uuid", null, "id")]
    public async Task Input_the_templates_models_would_refuse_is_422(string method, string path, string? body, string field)
    {
        var admin = await Api.AdminAsync();

        var response = body is null ? await admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative)), Token) : await admin.Send(new HttpMethod(method), path, body);
        var problem = await response.ProblemAsync();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(422, problem.Status);
        Assert.Contains(field, problem.Detail + " " + string.Join(' ', problem.Errors.Keys), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_login_form_the_template_would_refuse_is_422_and_wrong_credentials_400()
    {
        var otherGrant = await Api.Client().PostAsync(Http.Url("/api/v1/login/access-token"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["username"] = ApiFixture.AdminEmail,
            ["password"] = ApiFixture.AdminPassword,
        }), Token);
        var noPassword = await Api.Client().PostAsync(Http.Url("/api/v1/login/access-token"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = ApiFixture.AdminEmail,
        }), Token);
        var wrong = await (await Api.LoginAsync(ApiFixture.AdminEmail, "not-the-password")).ProblemAsync();

        Assert.Equal((HttpStatusCode.UnprocessableEntity, HttpStatusCode.UnprocessableEntity), (otherGrant.StatusCode, noPassword.StatusCode));
        Assert.Equal((400, "Incorrect email or password"), (wrong.Status, wrong.Detail));
    }

    private async Task AssertGusIsAnOrdinaryActiveUserWithoutANameAsync()
    {
        var me = await Json(await (await Api.SignedInAsync("gus@example.com", "gus-password-1")).Get("/api/v1/users/me"));
        Assert.Equal((JsonValueKind.Null, false, true), (me.GetProperty("full_name").ValueKind, me.GetProperty("is_superuser").GetBoolean(), me.GetProperty("is_active").GetBoolean()));
    }

    [Fact]
    public async Task Validation_errors_name_fields_as_the_profile_spells_them()
    {
        var admin = await Api.AdminAsync();

        var problem = await (await admin.Send(HttpMethod.Patch, "/api/v1/users/me/password", """{"current_password":"admin-password-1","new_password":"short"}""")).ProblemAsync();

        Assert.Equal(["new_password"], problem.Errors.Keys);
        Assert.Equal(422, problem.Status);
    }

    [Fact]
    public async Task The_app_serves_the_committed_snake_case_document()
    {
        var served = OpenApiContractTests.WithoutDevelopmentRoutes(JsonNode.Parse(await Api.Client().GetStringAsync(Http.Url("/openapi/v1.json"), Token))!);
        var committed = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "src", "CleanApp.Web", "openapi_snake_case.json"), Token))!;

        Assert.True(JsonNode.DeepEquals(committed, served), "The served document differs from src/CleanApp.Web/openapi_snake_case.json.");
    }

    private static string[] Keys(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];

    private static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.JsonAsync();
        Assert.True(expected == response.StatusCode, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return body;
    }
}

/// <summary>
/// The camelCase default stays strict: the same forms, spelt in camelCase, are refused with 400 naming the property the
/// route does not know (a misspelt field must never look saved), and creates keep their 201 and 409.
/// </summary>
public class CamelCaseStrictBodyTests(ApiFixture api) : ApiTest<ApiFixture>(api)
{
    [Fact]
    public async Task The_Add_User_and_Change_Password_forms_are_400_naming_confirmPassword_and_change_nothing()
    {
        var admin = await Api.AdminAsync();

        var create = await (await admin.Send(HttpMethod.Post, "/api/v1/users", WireNames.ToCamelCase(SnakeCaseProfileTests.AddUserForm))).ProblemAsync();
        var change = await (await admin.Send(HttpMethod.Patch, "/api/v1/users/me/password", WireNames.ToCamelCase(SnakeCaseProfileTests.ChangePasswordForm))).ProblemAsync();

        Assert.Equal((400, 400), (create.Status, change.Status));
        Assert.Contains("Unknown property 'confirmPassword'", create.Detail, StringComparison.Ordinal);
        Assert.Contains("Unknown property 'confirmPassword'", change.Detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await Api.LoginAsync("hal@example.com", "hal-password-1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Api.LoginAsync(ApiFixture.AdminEmail, ApiFixture.AdminPassword)).StatusCode);
    }

    [Fact]
    public async Task Creates_answer_201_with_a_Location_and_a_taken_email_409()
    {
        var admin = await Api.AdminAsync();

        var created = await admin.Send(HttpMethod.Post, "/api/v1/users/signup", """{"email":"hal@example.com","password":"hal-password-1"}""");
        var again = await (await admin.Send(HttpMethod.Post, "/api/v1/users", """{"email":"hal@example.com","password":"hal-password-1"}""")).ProblemAsync();

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.NotNull(created.Headers.Location);
        Assert.Equal(409, again.Status);
    }
}

/// <summary>The template's private route exists only in Development: in Production it is not even mapped.</summary>
public class PrivateRouteTests
{
    [Fact]
    public async Task Production_never_maps_the_private_route()
    {
        await using var database = TestDatabases.New(DatabaseProvider.Postgres, "private");
        await using var factory = new WebAppFactory(database, "Production", new()
        {
            ["SECRET_KEY"] = "a-production-secret-of-at-least-32-characters",
            ["FIRST_SUPERUSER_PASSWORD"] = "a-production-superuser-password",
            ["API_JSON_NAMING"] = "snake_case",
        });

        var routes = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().Select(e => e.RoutePattern.RawText).ToList();

        Assert.Contains("/api/v1/users/signup", routes);
        Assert.DoesNotContain(routes, r => r?.Contains("private", StringComparison.Ordinal) == true);
    }
}
