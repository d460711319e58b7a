using CleanApp.Application.Auth;
using CleanApp.Application.Common.Abstractions;
using CleanApp.Application.Common.Errors;
using CleanApp.Infrastructure.Configuration;
using CleanApp.Infrastructure.Persistence.Maintenance;
using CleanApp.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CleanApp.Infrastructure.IntegrationTests.Persistence;

/// <summary>
/// Accounts are written as items and roles are: the repository changes, the use case's unit of work saves, with the
/// sessions it revoked in the same transaction, or nothing.
/// </summary>
public class UserRepositoryTests
{
    private static readonly SessionClient Client = new("agent", "192.0.2.7");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task An_account_change_and_the_sign_out_it_causes_commit_together_or_not_at_all(DatabaseProvider provider)
    {
        await using var database = TestDatabases.New(provider, "accounts");
        await using var services = InfrastructureServices.For(database);
        await services.InScopeAsync<DatabaseMaintenance, MigrateResult>(m => m.MigrateAsync(null, backup: false, null, Token));
        var alice = await InUseCaseAsync(services, (accounts, _) => accounts.AddAsync(new NewUserAccount("alice@example.com", "alice-password", "Alice", IsActive: true, IsSuperuser: false), Token));
        var session = await InUseCaseAsync(services, (_, sessions) => Task.FromResult(sessions.Start(alice, Client)));
        Assert.Equal("Alice", (await FindAsync(services, alice))!.FullName);

        // Not saved: nothing changed, the session lives.
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IUserRepository>().UpdateAsync(alice, new UserAccountChanges(FullName: new("Changed")), Token);
            await scope.ServiceProvider.GetRequiredService<ISessionRepository>().RevokeAllAsync(alice, except: null, Token);
        }

        Assert.Equal("Alice", (await FindAsync(services, alice))!.FullName);
        Assert.True((await CheckAsync(services, alice, session.SessionId))!.SessionIsLive);

        // Another account takes the new address between this use case's check and its save: the save fails whole.
        await using (var scope = services.CreateAsyncScope())
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<IUserRepository>()
                .UpdateAsync(alice, new UserAccountChanges(Email: new("taken@example.com")), Token))!.EmailChanged);
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<ISessionRepository>().RevokeAllAsync(alice, except: null, Token));
            await InUseCaseAsync(services, (accounts, _) => accounts.AddAsync(new NewUserAccount("taken@example.com", "bob-password", "Bob", IsActive: true, IsSuperuser: false), Token));
            await Assert.ThrowsAsync<DuplicateKeyException>(() => scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Token));
        }

        Assert.Equal("alice@example.com", (await FindAsync(services, alice))!.Email);
        Assert.True((await CheckAsync(services, alice, session.SessionId))!.SessionIsLive);

        // Saved: both.
        await InUseCaseAsync(services, async (accounts, sessions) =>
        {
            await accounts.UpdateAsync(alice, new UserAccountChanges(Email: new("alice@new.example.com")), Token);
            return await sessions.RevokeAllAsync(alice, except: null, Token);
        });

        Assert.Equal("alice@new.example.com", (await FindAsync(services, alice))!.Email);
        Assert.False((await CheckAsync(services, alice, session.SessionId))!.SessionIsLive);
    }

    /// <summary>A use case's scope: its changes through the repositories, then its unit of work's save.</summary>
    private static async Task<T> InUseCaseAsync<T>(ServiceProvider services, Func<IUserRepository, ISessionRepository, Task<T>> action)
    {
        await using var scope = services.CreateAsyncScope();
        var result = await action(scope.ServiceProvider.GetRequiredService<IUserRepository>(), scope.ServiceProvider.GetRequiredService<ISessionRepository>());
        await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Token);
        return result;
    }

    private static Task<Domain.Users.UserAccount?> FindAsync(ServiceProvider services, Guid id) =>
        services.InScopeAsync<IUserRepository, Domain.Users.UserAccount?>(accounts => accounts.FindAsync(id, Token));

    private static Task<TokenUser?> CheckAsync(ServiceProvider services, Guid userId, Guid sessionId) =>
        services.InScopeAsync<ITokenUsers, TokenUser?>(users => users.FindAsync(userId, sessionId, Token));
}
