using System.Net;
using System.Net.Http.Headers;
using CleanApp.Application.Items;
using CleanApp.Application.Users;
using CleanApp.Web.FunctionalTests.Infrastructure;

namespace CleanApp.Web.FunctionalTests.Features.Versions;

/// <summary>ETags, If-Match and If-None-Match on items and users, and edits racing each other: no update is lost.</summary>
public abstract class ConditionalRequestTests<TFixture>(TFixture api) : ApiTest<TFixture>(api)
    where TFixture : ApiFixture
{
    private async Task<(HttpClient Owner, ItemDto Item)> OwnerWithItemAsync()
    {
        await Api.CreateUserAsync("owner@example.com");
        var owner = await Api.SignedInAsync("owner@example.com", "user-password-1");
        var item = await owner.PostJson("/api/v1/items", new { title = "Groceries", description = "Milk" }).ReadAsync<ItemDto>();
        return (owner, item);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, object? body = null, string? ifMatch = null, string? ifNoneMatch = null)
    {
        var request = new HttpRequestMessage(method, Http.Url(path)) { Content = body is null ? null : System.Net.Http.Json.JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        if (ifNoneMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        }

        return client.SendAsync(request, Token);
    }

    private static string? ETag(HttpResponseMessage response) => response.Headers.ETag?.ToString();

    /// <summary>
    /// What a request that lost a race may answer besides the conflict itself: on SQLite, whose one writer at a time
    /// makes a concurrent write wait, a write that could not get the lock in time is a passing fault (503, Retry-After).
    /// </summary>
    private static HttpStatusCode[] Busy => typeof(TFixture) == typeof(SqliteApiFixture) ? [HttpStatusCode.ServiceUnavailable] : [];

    [Fact]
    public async Task An_item_answers_its_version_as_a_strong_etag_and_an_edit_with_the_current_tag_answers_the_next()
    {
        var (owner, item) = await OwnerWithItemAsync();

        var read = await owner.Get($"/api/v1/items/{item.Id}");
        var edit = await SendAsync(owner, HttpMethod.Put, $"/api/v1/items/{item.Id}", new { title = "Shopping" }, ifMatch: ETag(read));
        var edited = await edit.ReadAsync<ItemDto>();

        Assert.Equal(1, item.Version);
        Assert.Equal("\"1\"", ETag(read));
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        Assert.Equal("\"2\"", ETag(edit));
        Assert.Equal((2, "Shopping", "Milk"), (edited.Version, edited.Title, edited.Description));
        Assert.True(edited.UpdatedAt > item.UpdatedAt);
        Assert.Equal(item.CreatedAt, edited.CreatedAt);
        Assert.Equal((item.OwnerId, item.OwnerId), (edited.CreatedBy, edited.UpdatedBy));
    }

    [Theory]
    [InlineData("\"1\"")]
    [InlineData("\"stale\"")]
    [InlineData("W/\"2\"")] // a weak tag never matches If-Match's strong comparison, even at the current version
    public async Task An_edit_whose_if_match_is_not_the_current_tag_answers_412_with_the_current_tag_and_changes_nothing(string ifMatch)
    {
        var (owner, item) = await OwnerWithItemAsync();
        await SendAsync(owner, HttpMethod.Put, $"/api/v1/items/{item.Id}", new { title = "Second" }); // now at version 2

        var stale = await SendAsync(owner, HttpMethod.Put, $"/api/v1/items/{item.Id}", new { title = "Lost update" }, ifMatch: ifMatch);
        var now = await owner.Get($"/api/v1/items/{item.Id}").ReadAsync<ItemDto>();

        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("\"2\"", ETag(stale));
        Assert.Contains("If-Match", (await stale.ProblemAsync()).Detail, StringComparison.Ordinal);
        Assert.Equal(("Second", 2), (now.Title, now.Version));
    }

    [Fact]
    public async Task An_edit_that_changes_nothing_still_needs_the_current_tag_and_keeps_the_version()
    {
        var (owner, item) = await OwnerWithItemAsync();
        await SendAsync(owner, HttpMethod.Put, $"/api/v1/items/{item.Id}", new { title = "Second" });

        var stale = await SendAsync(owner, HttpMethod.Put, $"/api/v1/items/{item.Id}", new { }, ifMatch: "\"1\"");
        var current = await SendAsync(owner, HttpMethod.Put, $"/api/v1/items/{item.Id}", new { title = "Second" }, ifMatch: "\"2\"");

        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
        Assert.Equal("\"2\"", ETag(current)); // nothing changed: the same version
    }

    [Fact]
    public async Task If_match_star_or_a_list_naming_the_current_tag_proceeds()
    {
        var (owner, item) = await OwnerWithItemAsync();

        var any = await SendAsync(owner, HttpMethod.Put, $"/api/v1/items/{item.Id}", new { title = "Any" }, ifMatch: "*");
        var list = await SendAsync(owner, HttpMethod.Put, $"/api/v1/items/{item.Id}", new { title = "List" }, ifMatch: "\"1\", \"2\"");

        Assert.Equal((HttpStatusCode.OK, "\"2\""), (any.StatusCode, ETag(any)));
        Assert.Equal((HttpStatusCode.OK, "\"3\""), (list.StatusCode, ETag(list)));
    }

    [Theory]
    [InlineData("stale")]
    [InlineData("\"unterminated")]
    public async Task A_malformed_if_match_answers_400_naming_the_header(string ifMatch)
    {
        var (owner, item) = await OwnerWithItemAsync();

        var response = await SendAsync(owner, HttpMethod.Put, $"/api/v1/items/{item.Id}", new { title = "x" }, ifMatch: ifMatch);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("If-Match must be", (await response.ProblemAsync()).Detail, StringComparison.Ordinal);
        Assert.Equal("Groceries", (await owner.Get($"/api/v1/items/{item.Id}").ReadAsync<ItemDto>()).Title);
    }

    [Fact]
    public async Task A_read_whose_if_none_match_names_the_current_tag_answers_304_without_a_body()
    {
        var (owner, item) = await OwnerWithItemAsync();

        var notModified = await SendAsync(owner, HttpMethod.Get, $"/api/v1/items/{item.Id}", ifNoneMatch: "\"1\"");
        var weak = await SendAsync(owner, HttpMethod.Get, $"/api/v1/items/{item.Id}", ifNoneMatch: "W/\"1\"");
        await SendAsync(owner, HttpMethod.Put, $"/api/v1/items/{item.Id}", new { title = "Changed" });
        var changed = await SendAsync(owner, HttpMethod.Get, $"/api/v1/items/{item.Id}", ifNoneMatch: "\"1\"");

        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal("\"1\"", ETag(notModified));
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync(Token));
        Assert.Equal(HttpStatusCode.NotModified, weak.StatusCode); // If-None-Match compares weakly
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal("Changed", (await changed.ReadAsync<ItemDto>()).Title);
    }

    [Fact]
    public async Task A_delete_with_a_stale_tag_answers_412_and_keeps_the_item_and_with_the_current_one_deletes_it()
    {
        var (owner, item) = await OwnerWithItemAsync();
        await SendAsync(owner, HttpMethod.Put, $"/api/v1/items/{item.Id}", new { title = "Second" });

        var stale = await SendAsync(owner, HttpMethod.Delete, $"/api/v1/items/{item.Id}", ifMatch: "\"1\"");
        var kept = await owner.Get($"/api/v1/items/{item.Id}");
        var current = await SendAsync(owner, HttpMethod.Delete, $"/api/v1/items/{item.Id}", ifMatch: "\"2\"");

        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.Get($"/api/v1/items/{item.Id}")).StatusCode);
    }

    [Fact]
    public async Task Another_users_item_answers_404_whatever_the_if_match()
    {
        var (_, item) = await OwnerWithItemAsync();
        await Api.CreateUserAsync("other@example.com");
        var other = await Api.SignedInAsync("other@example.com", "user-password-1");

        var response = await SendAsync(other, HttpMethod.Put, $"/api/v1/items/{item.Id}", new { title = "Mine now" }, ifMatch: "\"1\"");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False(response.Headers.Contains("ETag"));
    }

    [Fact]
    public async Task Concurrent_edits_of_one_version_with_its_tag_let_exactly_one_win_and_refuse_the_rest_with_412()
    {
        var (owner, item) = await OwnerWithItemAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            SendAsync(owner, HttpMethod.Put, $"/api/v1/items/{item.Id}", new { title = $"Edit {i}" }, ifMatch: "\"1\"")));
        var final = await owner.Get($"/api/v1/items/{item.Id}").ReadAsync<ItemDto>();

        var winner = Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        Assert.All(answers.Where(a => a != winner), a => Assert.Contains(a.StatusCode, Busy.Append(HttpStatusCode.PreconditionFailed)));
        Assert.Equal(2, final.Version);
        Assert.Equal((await winner.ReadAsync<ItemDto>()).Title, final.Title);
    }

    [Fact]
    public async Task Concurrent_edits_without_if_match_never_overwrite_silently_each_success_is_its_own_version()
    {
        var (owner, item) = await OwnerWithItemAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            SendAsync(owner, HttpMethod.Put, $"/api/v1/items/{item.Id}", new { title = $"Edit {i}" })));
        var final = await owner.Get($"/api/v1/items/{item.Id}").ReadAsync<ItemDto>();

        Assert.All(answers, a => Assert.Contains(a.StatusCode, Busy.Concat([HttpStatusCode.OK, HttpStatusCode.Conflict])));
        var succeeded = answers.Where(a => a.StatusCode == HttpStatusCode.OK).ToList();
        Assert.NotEmpty(succeeded);
        // Every success saved a version of its own: none was written over another's read.
        var versions = await Task.WhenAll(succeeded.Select(a => a.ReadAsync<ItemDto>()));
        Assert.Equal(versions.Length, versions.Select(v => v.Version).Distinct().Count());
        Assert.Equal(1 + succeeded.Count, final.Version);
    }

    [Fact]
    public async Task A_user_account_has_an_etag_and_a_stale_if_match_on_its_edit_answers_412()
    {
        await Api.CreateUserAsync("user@example.com");
        var user = await Api.SignedInAsync("user@example.com", "user-password-1");
        var me = await user.Get("/api/v1/users/me");
        var tag = ETag(me);
        await user.PatchJson("/api/v1/users/me", new { fullName = "First" });

        var stale = await SendAsync(user, HttpMethod.Patch, "/api/v1/users/me", new { fullName = "Lost" }, ifMatch: tag);
        var notModified = await SendAsync(user, HttpMethod.Get, "/api/v1/users/me", ifNoneMatch: ETag(await user.Get("/api/v1/users/me")));

        Assert.NotNull(tag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("First", (await user.Get("/api/v1/users/me").ReadAsync<UserDto>()).FullName);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [Fact]
    public async Task A_superusers_edit_of_an_account_records_who_changed_it_and_answers_the_new_tag()
    {
        var admin = await Api.AdminAsync();
        var adminId = (await admin.Get("/api/v1/users/me").ReadAsync<UserDto>()).Id;
        var created = await admin.PostJson("/api/v1/users", new { email = "new@example.com", password = "user-password-1" });
        var account = await created.ReadAsync<UserDto>();

        var read = await admin.Get($"/api/v1/users/{account.Id}");
        var edit = await SendAsync(admin, HttpMethod.Patch, $"/api/v1/users/{account.Id}", new { fullName = "Named" }, ifMatch: ETag(read));
        var edited = await edit.ReadAsync<UserDto>();

        Assert.Equal(ETag(created), ETag(read));
        Assert.Equal((1, adminId, adminId), (account.Version, account.CreatedBy, account.UpdatedBy));
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        Assert.Equal($"\"{edited.Version}\"", ETag(edit));
        Assert.True(edited.Version > account.Version);
        Assert.Equal((adminId, "Named"), (edited.UpdatedBy, edited.FullName));
    }

    [Fact]
    public async Task A_stale_if_match_on_deleting_an_account_keeps_it()
    {
        var admin = await Api.AdminAsync();
        var account = await Api.CreateUserAsync("doomed@example.com");
        await admin.PatchJson($"/api/v1/users/{account.Id}", new { fullName = "Changed" });

        var stale = await SendAsync(admin, HttpMethod.Delete, $"/api/v1/users/{account.Id}", ifMatch: $"\"{account.Version}\"");

        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.Get($"/api/v1/users/{account.Id}")).StatusCode);
    }

    [Fact]
    public async Task With_if_match_required_an_edit_or_delete_without_it_answers_428_and_with_it_proceeds()
    {
        var (_, item) = await OwnerWithItemAsync();
        await using var strict = Api.NewInstance(new() { ["API_REQUIRE_IF_MATCH"] = "true" });
        var owner = strict.CreateClient();
        owner.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await Api.TokenAsync("owner@example.com", "user-password-1"));

        var edit = await SendAsync(owner, HttpMethod.Put, $"/api/v1/items/{item.Id}", new { title = "No tag" });
        var delete = await SendAsync(owner, HttpMethod.Delete, $"/api/v1/items/{item.Id}");
        var tagged = await SendAsync(owner, HttpMethod.Put, $"/api/v1/items/{item.Id}", new { title = "Tagged" }, ifMatch: "\"1\"");
        var create = await owner.PostJson("/api/v1/items", new { title = "Creates need no tag" });

        Assert.Equal(HttpStatusCode.PreconditionRequired, edit.StatusCode);
        Assert.Contains("If-Match", (await edit.ProblemAsync()).Detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.PreconditionRequired, delete.StatusCode);
        Assert.Equal(HttpStatusCode.OK, tagged.StatusCode);
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
    }
}

public sealed class PostgresConditionalRequestTests(ApiFixture api) : ConditionalRequestTests<ApiFixture>(api);

public sealed class SqliteConditionalRequestTests(SqliteApiFixture api) : ConditionalRequestTests<SqliteApiFixture>(api);

/// <summary>The same headers and codes in the FastAPI template's profile.</summary>
public sealed class SnakeCaseConditionalRequestTests(SnakeCaseApiFixture api) : ApiTest<SnakeCaseApiFixture>(api)
{
    [Fact]
    public async Task Etags_if_match_and_if_none_match_answer_as_in_the_default_profile()
    {
        await Api.CreateUserAsync("owner@example.com");
        var owner = await Api.SignedInAsync("owner@example.com", "user-password-1");
        var created = await owner.PostJson("/api/v1/items/", new { title = "Groceries" });
        var id = (await created.JsonAsync()).GetProperty("id").GetGuid();

        var stale = new HttpRequestMessage(HttpMethod.Put, Http.Url($"/api/v1/items/{id}")) { Content = System.Net.Http.Json.JsonContent.Create(new { title = "x" }) };
        stale.Headers.TryAddWithoutValidation("If-Match", "\"7\"");
        var notModified = new HttpRequestMessage(HttpMethod.Get, Http.Url($"/api/v1/items/{id}"));
        notModified.Headers.TryAddWithoutValidation("If-None-Match", "\"1\"");

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal("\"1\"", created.Headers.ETag?.ToString());
        Assert.Equal(1, (await created.JsonAsync()).GetProperty("version").GetInt32());
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await owner.SendAsync(stale, Token)).StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, (await owner.SendAsync(notModified, Token)).StatusCode);
    }
}
