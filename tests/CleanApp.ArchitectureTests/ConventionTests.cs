using System.Reflection;
using CleanApp.Application;
using CleanApp.Application.Common.Security;

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

    [Fact]
    public void Every_message_declares_who_may_send_it_and_every_permission_it_needs_is_in_the_catalog()
    {
        Assert.Empty(Rules.UndeclaredAccess(ApplicationTypes, PermissionCatalog.Contains));
    }

    [Fact]
    public void The_declaration_rule_catches_a_message_without_one_with_two_and_one_that_needs_an_unknown_permission()
    {
        var caught = Rules.UndeclaredAccess(Canaries, PermissionCatalog.Contains);

        Assert.Contains(caught, v => v.Contains("Canaries.Messages.Ping declares 0", StringComparison.Ordinal));
        Assert.Contains(caught, v => v.Contains("TwiceDeclaredCommand declares 2", StringComparison.Ordinal));
        Assert.Contains(caught, v => v.Contains("UnknownPermissionQuery needs 'widgets.fly'", StringComparison.Ordinal));
        Assert.DoesNotContain(caught, v => v.Contains("DeclaredQuery", StringComparison.Ordinal));
    }

    [Fact]
    public void The_catalog_has_every_permission_the_issue_names_each_described_and_named_resource_dot_action()
    {
        var names = PermissionCatalog.All.Select(p => p.Name).ToList();

        Assert.Superset(
            new HashSet<string>(["items.read.any", "items.write.any", "users.read", "users.create", "users.update", "users.delete", "roles.manage", "sessions.revoke.any", "utils.test-email"]),
            new HashSet<string>(names));
        Assert.Equal(names.Distinct().Count(), names.Count);
        Assert.All(PermissionCatalog.All, p => Assert.False(string.IsNullOrWhiteSpace(p.Description)));
        Assert.All(names, n => Assert.Matches(PermissionCatalog.NamePattern, n));
    }
}
