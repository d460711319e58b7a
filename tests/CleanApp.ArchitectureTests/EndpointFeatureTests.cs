using CleanApp.Application;
using CleanApp.Testing;

namespace CleanApp.ArchitectureTests;

/// <summary>
/// A feature lives in one folder per layer, under one name: each route sits in the endpoint file named after the
/// Application feature whose use case it sends (<c>Web/Endpoints/Sessions.cs</c> sends only <c>Application/Sessions</c>'
/// commands and queries), or in the use case's own file, as cleanapp-usecase adds one (<c>PlaceOrderEndpoint.cs</c>).
/// </summary>
public class EndpointFeatureTests
{
    private static readonly Dictionary<string, string> FeatureOfMessage = typeof(DependencyInjection).Assembly.GetTypes()
        .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(Mediator.IMessage).IsAssignableFrom(t))
        .ToDictionary(t => t.Name, t => t.Namespace!.Split('.')[^1], StringComparer.Ordinal);

    [Fact]
    public void Every_route_sits_in_the_endpoint_file_of_its_use_cases_feature()
    {
        var folder = Path.Combine(RepositoryPaths.Root, "src", "CleanApp.Web", "Endpoints");
        List<(string Path, string Text)> files = [.. Directory.EnumerateFiles(folder, "*.cs").Select(path => (Path.GetFileName(path), File.ReadAllText(path)))];

        Assert.True(Rules.MessagesSent(files, FeatureOfMessage).Count > 30, "the routes' messages were found");
        var misplaced = Rules.MessagesOutsideTheirFeature(files, FeatureOfMessage);
        Assert.True(misplaced.Count == 0, string.Join('\n', misplaced));
    }

    [Fact]
    public void The_feature_rule_catches_a_route_in_another_features_file()
    {
        var canary = ("Sessions.cs", "await sender.Send(new LoginCommand(form.Username, form.Password), cancellationToken);\nawait sender.Send(new ListSessionsQuery(), token);");

        Assert.Equal(["Sessions.cs: LoginCommand belongs to Auth"], Rules.MessagesOutsideTheirFeature([canary], FeatureOfMessage));
        Assert.Empty(Rules.MessagesOutsideTheirFeature([("Auth.cs", canary.Item2.Split('\n')[0])], FeatureOfMessage));
        Assert.Empty(Rules.MessagesOutsideTheirFeature([("LoginEndpoint.cs", canary.Item2.Split('\n')[0])], FeatureOfMessage)); // a generated use case's own file
        Assert.Single(Rules.MessagesOutsideTheirFeature([("LoginEndpoint.cs", canary.Item2)], FeatureOfMessage));
    }

    [Fact]
    public void Routes_are_named_after_their_use_cases_not_by_strings_written_again()
    {
        var folder = Path.Combine(RepositoryPaths.Root, "src", "CleanApp.Web", "Endpoints");
        List<(string Path, string Text)> files = [.. Directory.EnumerateFiles(folder, "*.cs").Select(path => (Path.GetFileName(path), File.ReadAllText(path)))];

        Assert.True(files.Sum(f => f.Text.Split(".Sends<").Length - 1) > 30, "the derived names were found");
        var spelled = Rules.RouteNamesWrittenOut(files);
        Assert.True(spelled.Count == 0, string.Join('\n', spelled));
    }

    [Fact]
    public void The_route_name_rule_catches_a_name_written_out()
    {
        var canary = ("Items.cs", "routes.MapGet(\"/{id}\", GetAsync).WithName(\"GetItem\").WithSummary(\"Read\");\nutils.MapGet(\"/health-check\", Ok).WithName(\"HealthCheck\");");

        Assert.Equal(["Items.cs: WithName(\"GetItem\"): name it after its use case with .Sends<GetItemCommand>() or .Sends<GetItemQuery>()"], Rules.RouteNamesWrittenOut([canary]));
    }
}
