// Types that break the rules on purpose: each rule's test shows the rule catches its canary.
// They live only in this test project and are never registered anywhere.
using CleanApp.Application.Common.Security;
using CleanApp.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanApp.ArchitectureTests.Canaries.ImpureDomain
{
    /// <summary>A "domain" entity that leans on EF Core.</summary>
    [Keyless]
    public sealed class EntityKnowingEfCore
    {
        public string? Name { get; init; }
    }
}

namespace CleanApp.ArchitectureTests.Canaries.LeakyApplication
{
    /// <summary>An "application" service that reaches into Infrastructure.</summary>
    public sealed class ServiceUsingTheDbContext(AppDbContext db)
    {
        public int Count() => db.Items.Count();
    }
}

namespace CleanApp.ArchitectureTests.Canaries.LeakyInfrastructure
{
    /// <summary>Uses the web host, so this assembly references CleanApp.Web: as infrastructure it would break the rule.</summary>
    public static class KnowsTheWebHost
    {
        public static Type Host => typeof(Program);
    }
}

namespace CleanApp.ArchitectureTests.Canaries.Messages
{
    public sealed record Ping(string Text) : IRequest<string>;

    public sealed class PublicPingHandler : IRequestHandler<Ping, string>
    {
        public ValueTask<string> Handle(Ping request, CancellationToken cancellationToken) => ValueTask.FromResult(request.Text);
    }

    public sealed class PublicPingValidator : AbstractValidator<Ping>
    {
        public PublicPingValidator() => RuleFor(p => p.Text).NotEmpty();
    }

    /// <summary>A command whose fields can change after it was sent.</summary>
    public sealed class MutableCommand : ICommand
    {
        public string? Title { get; set; }
    }

    /// <summary>A query others could derive from and make mutable.</summary>
    public record UnsealedQuery(int Skip) : IQuery<int>;

    /// <summary>Two answers to who may send it.</summary>
    [Anonymous]
    [SignedIn]
    public sealed record TwiceDeclaredCommand : ICommand;

    /// <summary>A permission nobody can be given.</summary>
    [RequiresPermission("widgets.fly")]
    public sealed record UnknownPermissionQuery : IQuery<int>;

    [RequiresPermission("items.read.any")]
    public sealed record DeclaredQuery : IQuery<int>;
}

namespace CleanApp.ArchitectureTests.Canaries.LeakyWeb
{
    /// <summary>A "web endpoint" outside the composition root that reads the database itself.</summary>
    public sealed class EndpointReadingTheDbContext(AppDbContext db)
    {
        public int Count() => db.Items.Count();
    }
}

namespace CleanApp.ArchitectureTests.Canaries.LeakyWeb.Host
{
    /// <summary>The same in a composition root (a namespace ending in .Host): allowed there.</summary>
    public sealed class WiringUsingTheDbContext(AppDbContext db)
    {
        public int Count() => db.Items.Count();
    }
}

namespace CleanApp.ArchitectureTests.Canaries.Ports.Common.Abstractions
{
    /// <summary>A "shared" port only the Orders feature uses.</summary>
    public interface IOrderNumbers
    {
        int Next();
    }

    /// <summary>A shared port two features use.</summary>
    public interface IClock
    {
        DateTimeOffset Now { get; }
    }
}

namespace CleanApp.ArchitectureTests.Canaries.Ports.Orders
{
    public sealed class PlaceOrder(Common.Abstractions.IOrderNumbers numbers, Common.Abstractions.IClock clock)
    {
        public string Place() => $"{numbers.Next()} at {clock.Now}";
    }
}

namespace CleanApp.ArchitectureTests.Canaries.Ports.Billing
{
    public sealed class Invoice(Common.Abstractions.IClock clock)
    {
        public DateTimeOffset IssuedAt { get; } = clock.Now;
    }
}
