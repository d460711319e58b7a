using System.Net;
using System.Net.Http.Json;
using __SolutionName__.Application.Common.Paging;
using __SolutionName__.Application.EntityPlural;
using __SolutionName__.Web.FunctionalTests.Contract;
using __SolutionName__.Web.FunctionalTests.Infrastructure;

namespace __SolutionName__.Web.FunctionalTests.Features.EntityPlural;

/// <summary>EntityPlural through HTTP on a real database: the whole lifecycle, and who sees what.</summary>
public class EntityPluralCrudTests(ApiFixture api) : ApiTest<ApiFixture>(api)
{
    private const string Route = "/api/v1/entity-route";

    [Fact]
    public async Task An_owner_creates_lists_reads_renames_and_deletes_their_EntityName()
    {
        await Api.CreateUserAsync("owner@example.com", "owner-password");
        var owner = await Api.SignedInAsync("owner@example.com", "owner-password");

        var created = await owner.PostJson(Route, new { name = "First" });
        var id = (await created.JsonAsync()).GetProperty("id").GetString();
        var page = await (await owner.Get(Route)).JsonAsync();
        var renamed = await (await owner.PutJson($"{Route}/{id}", new { name = "Renamed" })).JsonAsync();
        var read = await (await owner.Get($"{Route}/{id}")).JsonAsync();
        var deleted = await owner.Delete($"{Route}/{id}");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(1, page.GetProperty("count").GetInt32());
        Assert.Equal("Renamed", renamed.GetProperty("name").GetString());
        Assert.Equal("Renamed", read.GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.Get($"{Route}/{id}")).StatusCode);
    }

    [Fact]
    public async Task Another_user_neither_sees_nor_changes_it_and_a_superuser_does()
    {
        await Api.CreateUserAsync("owner@example.com", "owner-password");
        await Api.CreateUserAsync("other@example.com", "other-password");
        var owner = await Api.SignedInAsync("owner@example.com", "owner-password");
        var other = await Api.SignedInAsync("other@example.com", "other-password");
        var admin = await Api.AdminAsync();
        var id = (await (await owner.PostJson(Route, new { name = "Mine" })).JsonAsync()).GetProperty("id").GetString();

        Assert.Equal(HttpStatusCode.NotFound, (await other.Get($"{Route}/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PutJson($"{Route}/{id}", new { name = "Theirs" })).StatusCode);
        Assert.Equal(0, (await (await other.Get(Route)).JsonAsync()).GetProperty("count").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await admin.Get($"{Route}/{id}")).StatusCode);
        Assert.Equal(1, (await (await admin.Get(Route)).JsonAsync()).GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task A_role_with_read_any_sees_everyones_but_changes_none()
    {
        await Api.CreateUserAsync("owner@example.com", "owner-password");
        var support = await Api.CreateUserAsync("support@example.com", "support-password");
        await Api.GrantAsync(support.Id, "entity-route-readers", EntityNamePermissions.ReadAny);
        var owner = await Api.SignedInAsync("owner@example.com", "owner-password");
        var reader = await Api.SignedInAsync("support@example.com", "support-password");
        var id = (await (await owner.PostJson(Route, new { name = "Mine" })).JsonAsync()).GetProperty("id").GetString();

        Assert.Equal(1, (await (await reader.Get(Route)).JsonAsync()).GetProperty("count").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await reader.Get($"{Route}/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PutJson($"{Route}/{id}", new { name = "Theirs" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.Delete($"{Route}/{id}")).StatusCode);
    }

    [Fact]
    public async Task Pages_follow_the_cursor_newest_first_with_the_exact_count()
    {
        var admin = await Api.AdminAsync();
        foreach (var name in new[] { "One", "Two", "Three" })
        {
            await admin.PostJson(Route, new { name });
        }

        var first = await admin.Get($"{Route}?limit=2").ReadAsync<Page<EntityNameDto>>();
        var second = await admin.Get($"{Route}?limit=2&cursor={first.NextCursor}").ReadAsync<Page<EntityNameDto>>();

        Assert.Equal(["Three", "Two"], first.Data.Select(e => e.Name));
        Assert.Equal(["One"], second.Data.Select(e => e.Name));
        Assert.Equal(3, second.Count);
        Assert.Null(second.NextCursor);
    }

    [Fact]
    public async Task A_create_retried_with_its_key_creates_once_and_an_edit_of_a_stale_version_answers_412()
    {
        var admin = await Api.AdminAsync();
        HttpRequestMessage Create()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Route, UriKind.Relative)) { Content = JsonContent.Create(new { name = "First" }) };
            request.Headers.Add("Idempotency-Key", "create-first");
            return request;
        }

        var created = await admin.SendAsync(Create(), TestContext.Current.CancellationToken);
        var replayed = await admin.SendAsync(Create(), TestContext.Current.CancellationToken);
        var id = (await created.JsonAsync()).GetProperty("id").GetString();
        await admin.PutJson($"{Route}/{id}", new { name = "Second" });
        var stale = new HttpRequestMessage(HttpMethod.Put, new Uri($"{Route}/{id}", UriKind.Relative)) { Content = JsonContent.Create(new { name = "Lost" }) };
        stale.Headers.TryAddWithoutValidation("If-Match", created.Headers.ETag!.ToString());

        var refused = await admin.SendAsync(stale, TestContext.Current.CancellationToken);

        Assert.Equal("\"1\"", created.Headers.ETag.ToString());
        Assert.Equal(created.Headers.Location, replayed.Headers.Location);
        Assert.Equal(1, (await (await admin.Get(Route)).JsonAsync()).GetProperty("count").GetInt32());
        Assert.Equal(HttpStatusCode.PreconditionFailed, refused.StatusCode);
        Assert.Equal("\"2\"", refused.Headers.ETag?.ToString());
        Assert.Equal("Second", (await (await admin.Get($"{Route}/{id}")).JsonAsync()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_blank_name_is_a_400_naming_the_field()
    {
        var admin = await Api.AdminAsync();

        var problem = await (await admin.PostJson(Route, new { name = " " })).ProblemAsync();

        Assert.Equal(400, problem.Status);
        Assert.Equal(["name"], problem.Errors.Keys);
    }
}

/// <summary>EntityPlural's rows of the authorization matrix (Contract/AuthorizationMatrixTests): the status each caller gets.</summary>
internal sealed class EntityPluralRoutes : IApiRouteRows
{
    public IEnumerable<ApiRoute> Rows =>
    [
        new("GET", "/api/v1/entity-route", "/api/v1/entity-route", null, 401, 200, 200, 200, Permission: EntityNamePermissions.ReadAny),
        new("POST", "/api/v1/entity-route", "/api/v1/entity-route", """{"name":"New EntityName"}""", 401, 201, 201, 201, Creates: true),
        new("GET", "/api/v1/entity-route/{id}", "/api/v1/entity-route/01a20000-0000-7000-8000-000000000001", null, 401, 404, 404, 404, Permission: EntityNamePermissions.ReadAny),
        new("PUT", "/api/v1/entity-route/{id}", "/api/v1/entity-route/01a20000-0000-7000-8000-000000000001", """{"name":"Renamed"}""", 401, 404, 404, 404, Permission: EntityNamePermissions.WriteAny),
        new("DELETE", "/api/v1/entity-route/{id}", "/api/v1/entity-route/01a20000-0000-7000-8000-000000000001", null, 401, 404, 404, 404, Permission: EntityNamePermissions.WriteAny),
    ];
}
