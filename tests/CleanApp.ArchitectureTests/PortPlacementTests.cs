using CleanApp.Application;
using NetArchTest.Rules;

namespace CleanApp.ArchitectureTests;

/// <summary>
/// A port one feature alone uses sits beside that feature's use cases (<c>Items/IItemRepository.cs</c>); the Application's
/// <c>Common/Abstractions</c> keeps only what several features, or the outer layers, share.
/// </summary>
public class PortPlacementTests
{
    [Fact]
    public void No_shared_port_is_used_by_one_feature_alone()
    {
        var application = () => Types.InAssembly(typeof(DependencyInjection).Assembly);
        var misplaced = Rules.PortsOfOneFeature(application, "CleanApp.Application");

        Assert.True(application().That().ResideInNamespace("CleanApp.Application.Common.Abstractions").And().AreInterfaces().GetTypes().Count() >= 8, "the shared ports were found");

        Assert.True(misplaced.Count == 0, string.Join('\n', misplaced));
    }

    [Fact]
    public void The_placement_rule_catches_a_shared_port_only_one_feature_uses()
    {
        var caught = Rules.PortsOfOneFeature(() => Types.InNamespace("CleanApp.ArchitectureTests.Canaries.Ports"), "CleanApp.ArchitectureTests.Canaries.Ports");

        Assert.Equal(["IOrderNumbers is used by Orders alone: move it to Orders/"], caught);
    }
}
