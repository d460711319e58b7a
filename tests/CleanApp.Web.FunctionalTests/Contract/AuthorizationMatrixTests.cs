using System.Net.Http.Headers;
using CleanApp.Application.Common;
using CleanApp.Application.Common.Abstractions;
using CleanApp.Application.Common.Security;
using CleanApp.Application.Items;
using CleanApp.Web.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CleanApp.Web.FunctionalTests.Contract;

/// <summary>Every route, called by each kind of caller, on a freshly reset database each time.</summary>
public class AuthorizationMatrixTests(ApiFixture api) : AuthorizationMatrix<ApiFixture>(api);

/// <summary>The same matrix in the snake_case profile, with the requests spelt as it spells them.</summary>
public class SnakeCaseAuthorizationMatrixTests(SnakeCaseApiFixture api) : AuthorizationMatrix<SnakeCaseApiFixture>(api);

[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1000", Justification = "xUnit reads theory data from static members.")]
public abstract class AuthorizationMatrix<TFixture>(TFixture api) : ApiTest<TFixture>(api)
    where TFixture : ApiFixture
{
    public static TheoryData<ApiRoute, Actor> Cases()
    {
        var cases = new TheoryData<ApiRoute, Actor>();
        foreach (var route in ApiRoutes.All)
        {
            foreach (var actor in Enum.GetValues<Actor>())
            {
                cases.Add(route, actor);
            }
        }

        return cases;
    }

    [Fact]
    public void Every_route_the_app_maps_is_in_the_matrix_and_only_its_public_ones_let_anonymous_callers_through_the_endpoint()
    {
        var mapped = Api.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .SelectMany(e => e.Metadata.GetRequiredMetadata<IHttpMethodMetadata>().HttpMethods.Select(method => (
                Route: $"{method} {e.RoutePattern.RawText!.TrimEnd('/')}",
                Anonymous: e.Metadata.GetMetadata<IAllowAnonymous>() is not null,
                Authorized: e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any())))
            .ToList();
        var matrix = ApiRoutes.All.ToDictionary(r => $"{r.Method} {r.Template}");

        Assert.Empty(mapped.Select(e => e.Route).Except(matrix.Keys));
        Assert.Empty(matrix.Keys.Except(mapped.Select(e => e.Route)));
        Assert.All(mapped, e =>
        {
            Assert.True(e.Authorized, $"{e.Route} does not require authorization at the endpoint.");
            Assert.True(e.Anonymous == matrix[e.Route].IsAnonymous, $"{e.Route}: AllowAnonymous is {e.Anonymous}, the matrix says public is {matrix[e.Route].IsAnonymous}.");
        });
    }

    [Fact]
    public void Every_permission_of_the_catalog_is_what_some_route_needs_and_every_route_permission_is_in_the_catalog()
    {
        var catalog = PermissionCatalog.All.Select(p => p.Name).ToHashSet();
        var routes = ApiRoutes.All.Where(r => r.Permission is not null).Select(r => r.Permission!).ToHashSet();

        Assert.Empty(routes.Except(catalog));
        Assert.Empty(catalog.Except(routes));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_caller_gets_the_status_the_contract_gives_it(ApiRoute route, Actor actor)
    {
        var owner = await Api.CreateUserAsync("owner@example.com", "owner-password");
        await Api.CreateUserAsync("other@example.com", "other-password");
        var inactive = await Api.CreateUserAsync("inactive@example.com", "inactive-password");
        var item = (await (await Api.SignedInAsync("owner@example.com", "owner-password")).PostJson("/api/v1/items", new { title = "owned" }).ReadAsync<ItemDto>()).Id;
        const string target = "matrix-target";
        await Api.GrantAsync(inactive.Id, target); // the custom role the roles routes read, change and give
        if (actor is Actor.Granted or Actor.GrantedAllButIt or Actor.GrantedBelowTarget)
        {
            // Generated from the catalog: exactly the route's permission, or every other one.
            var holder = await Api.CreateUserAsync("holder@example.com", "holder-password");
            var permissions = actor != Actor.GrantedAllButIt
                ? (route.Permission is null ? [] : [route.Permission])
                : PermissionCatalog.All.Select(p => p.Name).Where(p => p != route.Permission).ToArray();
            await Api.GrantAsync(holder.Id, $"matrix-{actor}".ToLowerInvariant(), permissions);
        }

        if (actor == Actor.GrantedBelowTarget)
        {
            // The account and the role the route acts on hold one permission more than the caller.
            var more = PermissionCatalog.All.Select(p => p.Name).First(p => p != route.Permission);
            await Api.GrantAsync(owner.Id, "matrix-above", route.Permission is null ? [more] : [route.Permission, more]);
            await Api.GrantAsync(inactive.Id, target, more);
        }

        var token = actor switch
        {
            Actor.Owner => await Api.TokenAsync("owner@example.com", "owner-password"),
            Actor.OtherUser => await Api.TokenAsync("other@example.com", "other-password"),
            Actor.Superuser => await Api.TokenAsync(ApiFixture.AdminEmail, ApiFixture.AdminPassword),
            Actor.InactiveUser => await Api.TokenAsync("inactive@example.com", "inactive-password"),
            Actor.Granted or Actor.GrantedAllButIt or Actor.GrantedBelowTarget => await Api.TokenAsync("holder@example.com", "holder-password"),
            _ => null,
        };
        await using (var scope = Api.Factory.Services.CreateAsyncScope())
        {
            // Deactivated after signing in: its token is still well-formed and signed.
            await scope.ServiceProvider.GetRequiredService<IUserRepository>()
                .UpdateAsync(inactive.Id, new UserAccountChanges(IsActive: new Optional<bool>(false)), Token);
            await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Token);
        }

        var path = Api.Wire(route.Path)
            .Replace("{item}", item.ToString(), StringComparison.Ordinal)
            .Replace("{owner}", owner.Id.ToString(), StringComparison.Ordinal)
            .Replace("{ownerEmail}", owner.Email, StringComparison.Ordinal)
            .Replace("{role}", target, StringComparison.Ordinal);
        using var request = new HttpRequestMessage(new HttpMethod(route.Method), new Uri(path, UriKind.Relative));
        request.Content = route.Body switch
        {
            null => null,
            "form" => new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = "owner@example.com", ["password"] = "owner-password" }),
            var body => new StringContent(
                Api.Wire(body).Replace("{new}", $"new-{Guid.NewGuid():N}@example.com", StringComparison.Ordinal).Replace("{role}", target, StringComparison.Ordinal),
                System.Text.Encoding.UTF8,
                "application/json"),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var response = await Api.Client().SendAsync(request, Token);

        var expected = route.Creates && route.Expected(actor) == 201 ? Api.CreatedStatus : route.Expected(actor);
        Assert.True(
            expected == (int)response.StatusCode,
            $"{route} as {actor}: expected {expected}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Token)}");
    }
}
