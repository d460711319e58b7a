using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using CleanApp.Testing;
using CleanApp.Web.FunctionalTests.Infrastructure;

namespace CleanApp.Web.FunctionalTests.Contract;

/// <summary>
/// The OpenAPI document is part of the contract: the committed src/CleanApp.Web/openapi.json is what the build
/// produces, it is what the app serves, and it states every answer and every security requirement of each route.
/// </summary>
public class OpenApiContractTests(ApiFixture api) : ApiTest<ApiFixture>(api)
{
    private static readonly string Root = RepositoryPaths.Root;
    private static readonly string DocumentPath = Path.Combine(Root, "src", "CleanApp.Web", "openapi.json");

    [Theory]
    [InlineData("openapi.json")]
    [InlineData("openapi_snake_case.json")]
    public void The_committed_documents_are_the_ones_the_build_produced(string file)
    {
        var built = File.ReadAllText(Path.Combine(Root, "src", "CleanApp.Web", file));
        var committed = Committed($"src/CleanApp.Web/{file}");

        Assert.True(
            committed == built,
            $"src/CleanApp.Web/{file} changed when the app was built: the API changed without its document. Review the diff, then commit it.");
    }

    [Fact]
    public async Task The_app_serves_the_committed_document()
    {
        var served = WithoutDevelopmentRoutes(JsonNode.Parse(await Api.Client().GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), Token))!);
        var committed = JsonNode.Parse(await File.ReadAllTextAsync(DocumentPath, Token))!;

        Assert.True(JsonNode.DeepEquals(committed, served), "The served document differs from src/CleanApp.Web/openapi.json.");
    }

    /// <summary>The routes every environment maps: the documents describe those.</summary>
    public static TheoryData<ApiRoute> Routes => [.. ApiRoutes.All.Where(r => !r.DevelopmentOnly)];

    [Fact]
    public void No_document_has_a_Development_only_route()
    {
        foreach (var file in new[] { "openapi.json", "openapi_snake_case.json" })
        {
            var document = File.ReadAllText(Path.Combine(Root, "src", "CleanApp.Web", file));
            Assert.All(ApiRoutes.All.Where(r => r.DevelopmentOnly), route => Assert.DoesNotContain(route.Template, document, StringComparison.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public void Each_route_documents_every_status_it_answers_with_and_whether_it_needs_a_token(ApiRoute route)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(DocumentPath));
        var operation = document.RootElement.GetProperty("paths").GetProperty(route.Template).GetProperty(route.Method.ToLowerInvariant());
        var documented = operation.GetProperty("responses").EnumerateObject().Select(r => int.Parse(r.Name, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
        var secured = operation.TryGetProperty("security", out var security) && security.GetArrayLength() > 0;

        Assert.Subset(documented, route.AllStatuses.ToHashSet());
        Assert.Equal(!route.IsAnonymous, secured);
    }

    [Fact]
    public void The_document_offers_the_password_flow_for_the_docs_ui()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(DocumentPath));
        var scheme = document.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("OAuth2PasswordBearer");

        Assert.Equal("oauth2", scheme.GetProperty("type").GetString());
        Assert.Equal("/api/v1/login/access-token", scheme.GetProperty("flows").GetProperty("password").GetProperty("tokenUrl").GetString());
    }

    /// <summary>
    /// A document served in Development (where these tests run) as every environment serves it: without the
    /// Development-only routes, and the schemas only they use. Checks first that they are there.
    /// </summary>
    internal static JsonNode WithoutDevelopmentRoutes(JsonNode served)
    {
        var paths = served["paths"]!.AsObject();
        var development = paths.Select(p => p.Key).Where(p => p.StartsWith("/api/v1/private/", StringComparison.Ordinal)).ToList();
        Assert.Equal(ApiRoutes.All.Count(r => r.DevelopmentOnly), development.Count);
        development.ForEach(p => paths.Remove(p));
        Assert.True(served["components"]!["schemas"]!.AsObject().Remove("PrivateUserCreate"), "PrivateUserCreate is in the served document.");
        return served;
    }

    /// <summary>
    /// A file as committed (or staged to be: git's index). Outside a git repository (a solution just generated from
    /// the template), as it was before build/test.sh built the app: the copy it keeps in OPENAPI_BEFORE_BUILD.
    /// </summary>
    private static string Committed(string path)
    {
        if (InGitRepository())
        {
            return Git(allowFailure: false, "show", $":{path}");
        }

        var before = Environment.GetEnvironmentVariable("OPENAPI_BEFORE_BUILD");
        Assert.True(
            before is not null,
            $"{Root} is not a git repository, and the test was not run by build/test.sh (which keeps the documents from before the build): run it through build/test.sh, or in a git repository.");
        return File.ReadAllText(Path.Combine(before, path));
    }

    private static bool InGitRepository()
    {
        try
        {
            return Git(allowFailure: true, "rev-parse", "--is-inside-work-tree").Trim() == "true";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // no git on this machine
        }
    }

    private static string Git(bool allowFailure, params string[] args)
    {
        var info = new ProcessStartInfo("git") { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var git = Process.Start(info)!;
        var output = git.StandardOutput.ReadToEnd();
        git.WaitForExit();
        Assert.True(allowFailure || git.ExitCode == 0, $"git {string.Join(' ', args)} failed: {git.StandardError.ReadToEnd()} (is the document added to git?)");
        return output;
    }
}
