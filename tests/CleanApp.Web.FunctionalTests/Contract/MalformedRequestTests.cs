using System.Net.Http.Headers;
using CleanApp.Application.Items;
using CleanApp.Web.FunctionalTests.Infrastructure;

namespace CleanApp.Web.FunctionalTests.Contract;

/// <summary>Input a client can send that the API cannot use: each is a clear 4xx problem, never a 500.</summary>
public class MalformedRequestTests(ApiFixture api) : MalformedRequests<ApiFixture>(api);

/// <summary>The same corpus in the snake_case profile, spelt as it spells names.</summary>
public class SnakeCaseMalformedRequestTests(SnakeCaseApiFixture api) : MalformedRequests<SnakeCaseApiFixture>(api);

[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1000", Justification = "xUnit reads theory data from static members.")]
public abstract class MalformedRequests<TFixture>(TFixture api) : ApiTest<TFixture>(api)
    where TFixture : ApiFixture
{
    private static readonly string Huge = new('x', 100_000);

    /// <summary>Input the API cannot read or that breaks a field's rule: 400, or 422 in the snake_case profile (FastAPI's).</summary>
    private const int Invalid = 0;

    public static TheoryData<string, string, string, string?, string, int> Cases => new()
    {
        // name, method, path ({item}, {user} are real ids), body, content type, expected status (400: a rule of the use case,
        // such as a reset token that is not one, the same in both profiles)
        { "truncated JSON", "POST", "/api/v1/items", """{"title": "x" """, "application/json", Invalid },
        { "not JSON at all", "POST", "/api/v1/items", "title=x", "application/json", Invalid },
        { "number for a string", "POST", "/api/v1/items", """{"title": 123}""", "application/json", Invalid },
        { "array for a string", "POST", "/api/v1/items", """{"title": "t", "description": ["a"]}""", "application/json", Invalid },
        { "huge title", "POST", "/api/v1/items", $$"""{"title": "{{Huge}}"}""", "application/json", Invalid },
        { "huge description", "POST", "/api/v1/items", $$"""{"title": "t", "description": "{{Huge}}"}""", "application/json", Invalid },
        { "empty body", "POST", "/api/v1/items", "", "application/json", Invalid },
        { "JSON null body", "POST", "/api/v1/items", "null", "application/json", Invalid },
        { "JSON array body", "POST", "/api/v1/items", "[]", "application/json", Invalid },
        { "missing title", "POST", "/api/v1/items", """{"description": "d"}""", "application/json", Invalid },
        { "deeply nested JSON", "POST", "/api/v1/items", new string('[', 200) + new string(']', 200), "application/json", Invalid },
        { "plain text body", "POST", "/api/v1/items", "hello", "text/plain", 415 },
        { "negative skip", "GET", "/api/v1/items?skip=-1", null, "", Invalid },
        { "zero limit", "GET", "/api/v1/items?limit=0", null, "", Invalid },
        { "limit over 1000", "GET", "/api/v1/items?limit=1001", null, "", Invalid },
        { "limit not a number", "GET", "/api/v1/items?limit=ten", null, "", Invalid },
        { "skip beyond int", "GET", "/api/v1/items?skip=99999999999", null, "", Invalid },
        { "malformed item id", "GET", "/api/v1/items/not-a-uuid", null, "", Invalid },
        { "numeric item id", "GET", "/api/v1/items/123", null, "", Invalid },
        { "malformed id on update", "PUT", "/api/v1/items/xyz", """{"title": "t"}""", "application/json", Invalid },
        { "null title on update", "PUT", "/api/v1/items/{item}", """{"title": null}""", "application/json", Invalid },
        { "empty title on update", "PUT", "/api/v1/items/{item}", """{"title": ""}""", "application/json", Invalid },
        { "malformed id on delete", "DELETE", "/api/v1/items/%20", null, "", Invalid },
        { "not an email", "PATCH", "/api/v1/users/me", """{"email": "not-an-email"}""", "application/json", Invalid },
        { "null email", "PATCH", "/api/v1/users/me", """{"email": null}""", "application/json", Invalid },
        { "huge full name", "PATCH", "/api/v1/users/me", $$"""{"fullName": "{{Huge}}"}""", "application/json", Invalid },
        { "string for a boolean", "PATCH", "/api/v1/users/{user}", """{"isActive": "yes"}""", "application/json", Invalid },
        { "null for a boolean", "PATCH", "/api/v1/users/{user}", """{"isSuperuser": null}""", "application/json", Invalid },
        { "malformed user id", "GET", "/api/v1/users/00000000-0000", null, "", Invalid },
        { "password too short", "POST", "/api/v1/users/signup", """{"email": "a@example.com", "password": "short"}""", "application/json", Invalid },
        { "password too long", "POST", "/api/v1/users/signup", $$"""{"email": "a@example.com", "password": "{{new string('p', 129)}}"}""", "application/json", Invalid },
        { "email too long", "POST", "/api/v1/users/signup", $$"""{"email": "{{new string('e', 300)}}@example.com", "password": "long-enough"}""", "application/json", Invalid },
        { "number for an email", "POST", "/api/v1/users/signup", """{"email": 5, "password": "long-enough"}""", "application/json", Invalid },
        { "JSON instead of the login form", "POST", "/api/v1/login/access-token", """{"username": "a", "password": "b"}""", "application/json", 415 },
        { "login form without password", "POST", "/api/v1/login/access-token", "username=a%40example.com", "application/x-www-form-urlencoded", Invalid },
        { "reset token of garbage", "POST", "/api/v1/reset-password", """{"token": "%%%", "newPassword": "long-enough"}""", "application/json", 400 },
        { "reset without password", "POST", "/api/v1/reset-password", """{"token": "abc"}""", "application/json", Invalid },
        { "test email to a bad address", "POST", "/api/v1/utils/test-email?emailTo=bad", null, "", Invalid },
        { "negative limit on users", "GET", "/api/v1/users?limit=-5", null, "", Invalid },
        { "unknown route", "GET", "/api/v1/nothing-here", null, "", 404 },
        { "wrong method", "PATCH", "/api/v1/items", """{"title": "t"}""", "application/json", 405 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Is_answered_with_a_problem_in_the_4xx_range(string name, string method, string path, string? body, string contentType, int expected)
    {
        var admin = await Api.AdminAsync();
        var user = await Api.CreateUserAsync("target@example.com");
        var item = (await admin.PostJson("/api/v1/items", new { title = "t" }).ReadAsync<ItemDto>()).Id;
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(
            Api.Wire(path).Replace("{item}", item.ToString(), StringComparison.Ordinal).Replace("{user}", user.Id.ToString(), StringComparison.Ordinal),
            UriKind.Relative));
        if (body is not null)
        {
            request.Content = new StringContent(Api.Wire(body));
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        var response = await admin.SendAsync(request, Token);

        expected = expected == Invalid ? Api.InvalidInputStatus : expected;
        Assert.True(expected == (int)response.StatusCode, $"{name}: expected {expected}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Token)}");
        var problem = await response.ProblemAsync();
        Assert.Equal(expected, problem.Status);
    }
}
