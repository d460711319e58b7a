using System.Net;
using __SolutionName__.Web.FunctionalTests.Contract;
using __SolutionName__.Web.FunctionalTests.Infrastructure;

namespace __SolutionName__.Web.FunctionalTests.Features.FeatureName;

/// <summary>UseCaseName through HTTP, on the app and a real database. TODO: the answers a client relies on, and its 4xx.</summary>
public class UseCaseNameTests(ApiFixture api) : ApiTest<ApiFixture>(api)
{
    private const string Route = "/api/v1/feature-route/use-case-route";

    [Fact]
    public async Task A_signed_in_user_gets_the_answer()
    {
        var admin = await Api.AdminAsync();

//#if (isCommand)
        var response = await admin.PostJson(Route, new { name = "First" });
//#else
        var response = await admin.Get(Route);
//#endif

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // TODO: assert the fields of the answer.
        Assert.StartsWith("UseCaseName", (await response.JsonAsync()).GetProperty("message").GetString(), StringComparison.Ordinal);
    }

//#if (isCommand)
    [Fact]
    public async Task A_blank_name_is_a_400_naming_the_field()
    {
        var admin = await Api.AdminAsync();

        var problem = await (await admin.PostJson(Route, new { name = "" })).ProblemAsync();

        Assert.Equal(400, problem.Status);
        Assert.Equal(["name"], problem.Errors.Keys);
    }

//#endif
//#if (needsPermission)
    [Fact]
    public async Task Only_a_holder_of_the_permission_gets_the_answer()
    {
        var user = await Api.CreateUserAsync("member@example.com", "member-password");
        var member = await Api.SignedInAsync("member@example.com", "member-password");
//#if (isCommand)
        Task<HttpResponseMessage> SendAsync() => member.PostJson(Route, new { name = "First" });
//#else
        Task<HttpResponseMessage> SendAsync() => member.Get(Route);
//#endif

        var refused = await SendAsync();
        await Api.GrantAsync(user.Id, "use-case-route-role", "permission-name");
        var granted = await SendAsync();

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
    }

//#endif
    [Fact]
    public async Task An_anonymous_caller_gets_401()
    {
//#if (isCommand)
        var response = await Api.Client().PostJson(Route, new { name = "First" });
//#else
        var response = await Api.Client().Get(Route);
//#endif

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}

/// <summary>UseCaseName's row of the authorization matrix (Contract/AuthorizationMatrixTests): the status each caller gets.</summary>
internal sealed class UseCaseNameRoutes : IApiRouteRows
{
    public IEnumerable<ApiRoute> Rows =>
    [
//#if (needsPermission)
        new("HTTP_METHOD", "/api/v1/feature-route/use-case-route", "/api/v1/feature-route/use-case-route", REQUEST_BODY, 401, 403, 403, 200, Permission: "permission-name"),
//#else
        new("HTTP_METHOD", "/api/v1/feature-route/use-case-route", "/api/v1/feature-route/use-case-route", REQUEST_BODY, 401, 200, 200, 200),
//#endif
    ];
}
