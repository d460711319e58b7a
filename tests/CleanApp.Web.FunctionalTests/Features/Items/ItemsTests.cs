using System.Net;
using CleanApp.Application.Common;
using CleanApp.Application.Common.Paging;
using CleanApp.Application.Items;
using CleanApp.Web.FunctionalTests.Infrastructure;

namespace CleanApp.Web.FunctionalTests.Features.Items;

public class ItemsTests(ApiFixture api) : ApiTest<ApiFixture>(api)
{
    private async Task<(HttpClient Owner, HttpClient Other, Guid OwnerId)> TwoUsersAsync()
    {
        var owner = await Api.CreateUserAsync("owner@example.com");
        await Api.CreateUserAsync("other@example.com");
        return (await Api.SignedInAsync("owner@example.com", "user-password-1"), await Api.SignedInAsync("other@example.com", "user-password-1"), owner.Id);
    }

    private static Task<ItemDto> CreateAsync(HttpClient client, string title, string? description = null) =>
        client.PostJson("/api/v1/items", new { title, description }).ReadAsync<ItemDto>();

    [Fact]
    public async Task An_item_body_naming_an_owner_is_refused_naming_the_field_and_creates_nothing()
    {
        var (owner, _, _) = await TwoUsersAsync();

        var response = await owner.PostJson("/api/v1/items", new { title = "Groceries", ownerId = Guid.CreateVersion7() });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Unknown property 'ownerId': this route does not accept it (check its spelling against the API document).", (await response.ProblemAsync()).Detail);
        Assert.Equal(0, (await (await owner.Get("/api/v1/items")).JsonAsync()).GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Creating_an_item_makes_it_the_callers()
    {
        var (owner, _, ownerId) = await TwoUsersAsync();

        var response = await owner.PostJson("/api/v1/items", new { title = "Groceries", description = "Milk" });
        var item = await response.ReadAsync<ItemDto>();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/api/v1/items/{item.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal(("Groceries", "Milk", ownerId), (item.Title, item.Description, item.OwnerId));
        Assert.Equal(7, item.Id.Version);
        Assert.True(item.CreatedAt > DateTimeOffset.UtcNow.AddMinutes(-1));
        // The wire format itself: times are sent in UTC.
        Assert.EndsWith("+00:00", (await response.JsonAsync()).GetProperty("createdAt").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Users_list_their_own_items_newest_first_and_a_superuser_lists_everyones()
    {
        var (owner, other, _) = await TwoUsersAsync();
        foreach (var title in new[] { "a", "b", "c" })
        {
            await CreateAsync(owner, title);
        }

        await CreateAsync(other, "x");

        var mine = await owner.Get("/api/v1/items").ReadAsync<Page<ItemDto>>();
        var page = await owner.Get("/api/v1/items?skip=1&limit=1").ReadAsync<Page<ItemDto>>();
        var all = await (await Api.AdminAsync()).Get("/api/v1/items").ReadAsync<Page<ItemDto>>();

        Assert.Equal(3, mine.Count);
        Assert.Equal(["c", "b", "a"], mine.Data.Select(i => i.Title));
        Assert.Equal(3, page.Count);
        Assert.Equal(["b"], page.Data.Select(i => i.Title));
        Assert.Equal(4, all.Count);
        Assert.Equal("x", all.Data[0].Title);
    }

    [Theory]
    [InlineData("/api/v1/items", "/api/v1/items/")]
    [InlineData("/api/v1/users/me", "/api/v1/users/me/")]
    public async Task A_trailing_slash_means_the_same_route(string bare, string slashed)
    {
        var (owner, _, _) = await TwoUsersAsync();
        await CreateAsync(owner, "t");

        var a = await owner.Get(bare);
        var b = await owner.Get(slashed);

        Assert.Equal(HttpStatusCode.OK, b.StatusCode);
        Assert.Equal(await a.Content.ReadAsStringAsync(Token), await b.Content.ReadAsStringAsync(Token));
    }

    [Fact]
    public async Task The_owner_and_a_superuser_read_an_item_and_for_anyone_else_it_does_not_exist()
    {
        var (owner, other, _) = await TwoUsersAsync();
        var id = (await CreateAsync(owner, "private")).Id;

        var byOwner = await owner.Get($"/api/v1/items/{id}");
        var byAdmin = await (await Api.AdminAsync()).Get($"/api/v1/items/{id}");
        var byOther = await other.Get($"/api/v1/items/{id}");
        var missing = await other.Get($"/api/v1/items/{Guid.CreateVersion7()}");

        Assert.Equal(HttpStatusCode.OK, byOwner.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, byOther.StatusCode);
        Assert.Equal("Item not found", (await byOther.ProblemAsync()).Detail);
        Assert.Equal(await missing.BodyWithoutTraceIdAsync(), await byOther.BodyWithoutTraceIdAsync());
    }

    [Fact]
    public async Task Updating_changes_only_the_fields_sent_and_null_clears_the_description()
    {
        var (owner, _, ownerId) = await TwoUsersAsync();
        var id = (await CreateAsync(owner, "Old", "Old text")).Id;

        var renamed = await owner.PutJson($"/api/v1/items/{id}", new { title = "New" }).ReadAsync<ItemDto>();
        var cleared = await owner.PutJson($"/api/v1/items/{id}", new { description = (string?)null }).ReadAsync<ItemDto>();

        Assert.Equal(("New", "Old text"), (renamed.Title, renamed.Description));
        Assert.Equal(("New", null, ownerId), (cleared.Title, cleared.Description, cleared.OwnerId));
    }

    [Fact]
    public async Task Another_user_can_neither_update_nor_delete_an_item_and_it_stays_as_it_was()
    {
        var (owner, other, _) = await TwoUsersAsync();
        var id = (await CreateAsync(owner, "Keep")).Id;

        var update = await other.PutJson($"/api/v1/items/{id}", new { title = "Hijacked" });
        var delete = await other.Delete($"/api/v1/items/{id}");
        var after = await owner.Get($"/api/v1/items/{id}").ReadAsync<ItemDto>();

        Assert.Equal(HttpStatusCode.NotFound, update.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        Assert.Equal("Keep", after.Title);
    }

    [Fact]
    public async Task The_owner_and_a_superuser_may_update_and_delete()
    {
        var (owner, _, _) = await TwoUsersAsync();
        var first = (await CreateAsync(owner, "one")).Id;
        var second = (await CreateAsync(owner, "two")).Id;
        var admin = await Api.AdminAsync();

        var adminUpdate = await admin.PutJson($"/api/v1/items/{first}", new { title = "moderated" });
        var ownerDelete = await owner.Delete($"/api/v1/items/{first}");
        var adminDelete = await admin.Delete($"/api/v1/items/{second}");

        Assert.Equal("moderated", (await adminUpdate.ReadAsync<ItemDto>()).Title);
        Assert.Equal("Item deleted successfully", (await ownerDelete.ReadAsync<Confirmation>()).Message);
        Assert.Equal(HttpStatusCode.OK, adminDelete.StatusCode);
        Assert.Equal(0, (await owner.Get("/api/v1/items").ReadAsync<Page<ItemDto>>()).Count);
    }

    [Fact]
    public async Task A_page_links_to_the_next_through_its_cursor_until_the_last()
    {
        var (owner, _, _) = await TwoUsersAsync();
        foreach (var title in new[] { "a", "b", "c", "d", "e" })
        {
            await CreateAsync(owner, title);
        }

        var first = await owner.Get("/api/v1/items?limit=2").ReadAsync<Page<ItemDto>>();
        var second = await owner.Get($"/api/v1/items?limit=2&cursor={first.NextCursor}").ReadAsync<Page<ItemDto>>();
        var last = await owner.Get($"/api/v1/items?limit=2&cursor={second.NextCursor}").ReadAsync<Page<ItemDto>>();

        Assert.Equal(["e", "d", "c", "b", "a"], first.Data.Concat(second.Data).Concat(last.Data).Select(i => i.Title));
        Assert.Equal([5, 5, 5], new[] { first.Count, second.Count, last.Count });
        Assert.Null(last.NextCursor);
    }

    [Theory]
    [InlineData("cursor=not-a-cursor", "cursor")]
    [InlineData("cursor=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA&skip=5", "skip")]
    public async Task A_cursor_the_api_did_not_give_or_one_with_skip_is_a_validation_error(string query, string field)
    {
        var (owner, _, _) = await TwoUsersAsync();

        var response = await owner.Get($"/api/v1/items?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, (await response.ProblemAsync()).Errors.Keys);
    }

    [Theory]
    [InlineData("skip=-1", "skip")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    public async Task Paging_outside_its_bounds_is_a_validation_error(string query, string field)
    {
        var (owner, _, _) = await TwoUsersAsync();

        var response = await owner.Get($"/api/v1/items?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, (await response.ProblemAsync()).Errors.Keys);
    }

    [Fact]
    public async Task The_largest_page_is_1000()
    {
        var (owner, _, _) = await TwoUsersAsync();

        Assert.Equal(HttpStatusCode.OK, (await owner.Get("/api/v1/items?limit=1000")).StatusCode);
    }
}
