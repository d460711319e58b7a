using System.Reflection;
using CleanApp.Application;

namespace CleanApp.ArchitectureTests;

public class ConventionTests
{
    private static readonly Type[] ApplicationTypes = typeof(DependencyInjection).Assembly.GetTypes();

    private static Type[] Canaries => [.. Assembly.GetExecutingAssembly().GetTypes()
        .Where(t => t.Namespace == "CleanApp.ArchitectureTests.Canaries.Messages")];

    [Fact]
    public void Handlers_and_validators_are_not_public()
    {
        Assert.Empty(Rules.PublicHandlersAndValidators(ApplicationTypes));
    }

    [Fact]
    public void The_visibility_rule_catches_a_public_handler_and_a_public_validator()
    {
        var caught = Rules.PublicHandlersAndValidators(Canaries);

        Assert.Contains(caught, name => name.EndsWith("PublicPingHandler", StringComparison.Ordinal));
        Assert.Contains(caught, name => name.EndsWith("PublicPingValidator", StringComparison.Ordinal));
    }

    [Fact]
    public void Messages_are_sealed_and_immutable()
    {
        Assert.Contains(ApplicationTypes, t => typeof(Mediator.IMessage).IsAssignableFrom(t) && !t.IsInterface);
        Assert.Empty(Rules.MutableMessages(ApplicationTypes));
    }

    [Fact]
    public void The_immutability_rule_catches_a_settable_property_and_an_unsealed_message()
    {
        var caught = Rules.MutableMessages(Canaries);

        Assert.Contains(caught, v => v.EndsWith("MutableCommand.Title has a setter", StringComparison.Ordinal));
        Assert.Contains(caught, v => v.EndsWith("UnsealedQuery is not sealed", StringComparison.Ordinal));
        Assert.DoesNotContain(caught, v => v.Contains("Canaries.Messages.Ping", StringComparison.Ordinal));
    }
}
