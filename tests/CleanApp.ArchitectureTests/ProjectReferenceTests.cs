using CleanApp.Testing;

namespace CleanApp.ArchitectureTests;

/// <summary>The same layer rules, on the project files: a reference that breaks them fails before any code uses it.</summary>
public class ProjectReferenceTests
{
    private static List<string> SourceProjectNames() =>
        [.. Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "src"), "*.csproj", SearchOption.AllDirectories)
            .Select(path => Path.GetFileNameWithoutExtension(path))
            .Order()];

    public static TheoryData<string> SourceProjects() => [.. SourceProjectNames()];

    [Fact]
    public void Every_layer_of_the_design_is_a_project()
    {
        Assert.Equal(Rules.AllowedProjectReferences.Keys.Order(), SourceProjectNames());
    }

    [Theory]
    [MemberData(nameof(SourceProjects))]
    public void Project_references_point_inward_only(string project)
    {
        var xml = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", project, project + ".csproj"));

        Assert.Empty(Rules.ForbiddenProjectReferences(project, xml));
    }

    [Fact]
    public void The_project_rule_catches_an_outward_reference_and_a_package_in_the_domain()
    {
        const string brokenDomain = """
            <Project Sdk="Microsoft.NET.Sdk">
              <ItemGroup>
                <ProjectReference Include="..\CleanApp.Infrastructure\CleanApp.Infrastructure.csproj" />
                <PackageReference Include="Microsoft.EntityFrameworkCore" />
              </ItemGroup>
            </Project>
            """;
        const string brokenApplication = """<Project><ItemGroup><ProjectReference Include="../CleanApp.Web/CleanApp.Web.csproj" /></ItemGroup></Project>""";

        Assert.Equal(
            ["CleanApp.Domain references CleanApp.Infrastructure", "CleanApp.Domain references the package Microsoft.EntityFrameworkCore"],
            Rules.ForbiddenProjectReferences("CleanApp.Domain", brokenDomain));
        Assert.Equal(["CleanApp.Application references CleanApp.Web"], Rules.ForbiddenProjectReferences("CleanApp.Application", brokenApplication));
        Assert.NotEmpty(Rules.ForbiddenProjectReferences("CleanApp.Unclassified", "<Project />"));
    }
}
