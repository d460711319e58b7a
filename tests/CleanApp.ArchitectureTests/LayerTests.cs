using System.Reflection;
using CleanApp.Application;
using CleanApp.Domain.Items;
using CleanApp.Infrastructure.Persistence;
using NetArchTest.Rules;

namespace CleanApp.ArchitectureTests;

public class LayerTests
{
    private static readonly Assembly Domain = typeof(Item).Assembly;
    private static readonly Assembly Application = typeof(DependencyInjection).Assembly;
    private static readonly Assembly Infrastructure = typeof(AppDbContext).Assembly;

    private static Types Canary(string name) => Types.InNamespace($"CleanApp.ArchitectureTests.Canaries.{name}");

    [Fact]
    public void The_domain_depends_on_nothing_of_ours_and_on_no_framework()
    {
        Assert.Empty(Rules.TypesUsing(Types.InAssembly(Domain), Rules.DomainMustNotUse));
        Assert.Empty(Rules.NonBclReferences(Domain));
    }

    [Fact]
    public void The_domain_rule_catches_a_domain_type_that_uses_ef_core()
    {
        Assert.Contains(Rules.TypesUsing(Canary("ImpureDomain"), Rules.DomainMustNotUse), name => name.EndsWith("EntityKnowingEfCore", StringComparison.Ordinal));
        Assert.Contains("Microsoft.EntityFrameworkCore", Rules.NonBclReferences(Infrastructure));
    }

    [Fact]
    public void The_application_depends_on_neither_infrastructure_nor_web()
    {
        Assert.Empty(Rules.TypesUsing(Types.InAssembly(Application), Rules.ApplicationMustNotUse));
    }

    [Fact]
    public void The_application_rule_catches_a_type_that_reaches_into_infrastructure()
    {
        Assert.Contains(Rules.TypesUsing(Canary("LeakyApplication"), Rules.ApplicationMustNotUse), name => name.EndsWith("ServiceUsingTheDbContext", StringComparison.Ordinal));
    }

    [Fact]
    public void Web_uses_infrastructure_only_in_its_composition_root()
    {
        var web = Types.InAssembly(typeof(Program).Assembly);

        Assert.Empty(Rules.WebTypesUsingInfrastructure(web, "CleanApp.Web"));
        Assert.NotEmpty(web.That().ResideInNamespace("CleanApp.Web.Host").And().HaveDependencyOn("CleanApp.Infrastructure").GetTypes());
    }

    [Fact]
    public void The_web_rule_catches_a_type_outside_the_composition_root_that_uses_infrastructure()
    {
        var caught = Rules.WebTypesUsingInfrastructure(Canary("LeakyWeb"), "CleanApp.ArchitectureTests.Canaries.LeakyWeb");

        Assert.Equal(["CleanApp.ArchitectureTests.Canaries.LeakyWeb.EndpointReadingTheDbContext"], caught);
    }

    public static TheoryData<string> Layers => [.. Rules.AllowedProjectReferences.Keys];

    [Theory]
    [MemberData(nameof(Layers))]
    public void Each_compiled_layer_references_only_the_layers_inside_it(string layer)
    {
        var assembly = Assembly.Load(layer);

        Assert.Empty(Rules.ForbiddenAssemblyReferences(layer, assembly));
    }

    [Fact]
    public void The_assembly_rule_catches_an_assembly_that_references_an_outer_layer()
    {
        // Canaries.LeakyInfrastructure makes this test assembly reference the web host.
        Assert.Contains("CleanApp.Web", Rules.ForbiddenAssemblyReferences("CleanApp.Infrastructure", typeof(LayerTests).Assembly));
    }
}
