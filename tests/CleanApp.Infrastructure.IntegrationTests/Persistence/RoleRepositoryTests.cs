using CleanApp.Application.Common.Abstractions;
using CleanApp.Application.Common.Errors;
using CleanApp.Application.Roles;
using CleanApp.Domain.Roles;
using CleanApp.Infrastructure.Configuration;
using CleanApp.Infrastructure.Persistence.Maintenance;
using CleanApp.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CleanApp.Infrastructure.IntegrationTests.Persistence;

/// <summary>Roles are written as items are: the repository changes, the unit of work saves all of it or nothing.</summary>
public class RoleRepositoryTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Nothing_is_stored_until_the_unit_of_work_saves_and_a_taken_name_saves_nothing(DatabaseProvider provider)
    {
        await using var database = TestDatabases.New(provider, "roles");
        await using var services = InfrastructureServices.For(database);
        await services.InScopeAsync<DatabaseMaintenance, MigrateResult>(m => m.MigrateAsync(null, backup: false, null, Token));

        await using (var scope = services.CreateAsyncScope())
        {
            var roles = scope.ServiceProvider.GetRequiredService<IRoleRepository>();
            roles.Add(Role.Custom("support", ["users.read"]));
            Assert.Null(await Other(services).FindAsync("support", Token)); // not saved yet: another scope sees nothing
            await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Token);
        }

        Assert.Equal(["users.read"], (await Other(services).FindAsync("support", Token))!.Permissions);

        await using (var scope = services.CreateAsyncScope())
        {
            var roles = scope.ServiceProvider.GetRequiredService<IRoleRepository>();
            Assert.True(await roles.ReplacePermissionsAsync(Role.Custom("support", ["items.read.any"]), Token));
            roles.Add(Role.Custom("support", ["users.delete"])); // a concurrent create of the same name, in the same save
            await Assert.ThrowsAsync<DuplicateKeyException>(() => scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Token));
        }

        // The failed save kept none of its changes, the permissions' replacement included.
        Assert.Equal(["users.read"], (await Other(services).FindAsync("support", Token))!.Permissions);

        await using (var scope = services.CreateAsyncScope())
        {
            var roles = scope.ServiceProvider.GetRequiredService<IRoleRepository>();
            Assert.True(await roles.RemoveAsync("support", Token));
            Assert.False(await roles.RemoveAsync("nobody", Token));
            await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Token);
        }

        Assert.Empty(await Other(services).ListAsync(Token));
    }

    /// <summary>The repository of a scope of its own, as another request would see the store.</summary>
    private static IRoleRepository Other(ServiceProvider services) =>
        services.CreateScope().ServiceProvider.GetRequiredService<IRoleRepository>();
}
