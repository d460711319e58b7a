using CleanApp.Application.Auth;
using CleanApp.Application.Common.Abstractions;
using CleanApp.Domain.Sessions;
using CleanApp.Infrastructure.Configuration;
using CleanApp.Infrastructure.Identity;
using CleanApp.Infrastructure.Persistence;
using CleanApp.Infrastructure.Persistence.Maintenance;
using CleanApp.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CleanApp.Infrastructure.IntegrationTests.Sessions;

/// <summary>Sessions as the store keeps them, on both providers: lifetimes, the per-request check, the clean-up.</summary>
public class SessionRepositoryTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);
    private static readonly SessionClient Client = new("agent", "192.0.2.7");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<(ServiceProvider Services, Guid UserId)> StartAsync(IThrowawayDatabase database, ManualClock clock)
    {
        var services = InfrastructureServices.For(
            database, clock: clock, extra: new() { ["SESSION_EXPIRE_DAYS"] = "2", ["REFRESH_TOKEN_EXPIRE_MINUTES"] = "60" });
        await services.InScopeAsync<DatabaseMaintenance, MigrateResult>(m => m.MigrateAsync(null, backup: false, null, Token));
        var userId = await services.InScopeAsync<AppDbContext, Guid>(async db =>
        {
            var user = new ApplicationUser { Email = "member@example.com", UserName = "member@example.com" };
            db.Users.Add(user);
            await db.SaveChangesAsync(Token);
            return user.Id;
        });
        return (services, userId);
    }

    /// <summary>Runs the action in a scope of its own, as a use case does: the repository's changes, then the unit of work's save.</summary>
    private static async Task<T> WithAsync<T>(ServiceProvider services, Func<ISessionRepository, Task<T>> action)
    {
        await using var scope = services.CreateAsyncScope();
        var result = await action(scope.ServiceProvider.GetRequiredService<ISessionRepository>());
        await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Token);
        return result;
    }

    private static Task<TokenUser?> CheckAsync(ServiceProvider services, Guid userId, Guid sessionId) =>
        services.InScopeAsync<ITokenUsers, TokenUser?>(users => users.FindAsync(userId, sessionId, Token));

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task An_unused_refresh_token_lapses_each_refresh_restarts_its_time_and_the_session_ends_at_its_end_whatever_is_refreshed(DatabaseProvider provider)
    {
        await using var database = TestDatabases.New(provider, "sessionlife");
        var clock = new ManualClock(Start);
        var (services, userId) = await StartAsync(database, clock);
        await using var owned = services;
        var started = await WithAsync(services, s => Task.FromResult(s.Start(userId, Client)));
        var idle = await WithAsync(services, s => Task.FromResult(s.Start(userId, Client)));

        var refresh = started.RefreshToken;
        var outcomes = new List<RefreshOutcome>();
        for (var hour = 1; hour <= 47; hour++) // refreshed every 50 minutes: kept alive until the session's end
        {
            clock.Now = Start + TimeSpan.FromMinutes(50 * hour);
            if (clock.Now >= Start + TimeSpan.FromDays(2))
            {
                break;
            }

            var result = await WithAsync(services, s => s.RefreshAsync(refresh, Client, Token));
            outcomes.Add(result.Outcome);
            refresh = result.Session?.RefreshToken ?? refresh;
        }

        var idleRefresh = await WithAsync(services, s => s.RefreshAsync(idle.RefreshToken, Client, Token));
        var liveNearEnd = await CheckAsync(services, userId, started.SessionId);
        clock.Now = Start + TimeSpan.FromDays(2);
        var afterEnd = await CheckAsync(services, userId, started.SessionId);
        var refreshAfterEnd = await WithAsync(services, s => s.RefreshAsync(refresh, Client, Token));

        Assert.All(outcomes, o => Assert.Equal(RefreshOutcome.Refreshed, o));
        Assert.Equal(RefreshOutcome.Invalid, idleRefresh.Outcome); // unused for far longer than 60 minutes
        Assert.Equal((IsActive: true, IsSuperuser: false, SessionIsLive: true), (liveNearEnd!.IsActive, liveNearEnd.IsSuperuser, liveNearEnd.SessionIsLive));
        Assert.Equal((IsActive: true, IsSuperuser: false, SessionIsLive: false), (afterEnd!.IsActive, afterEnd.IsSuperuser, afterEnd.SessionIsLive));
        Assert.Empty(afterEnd.Permissions);
        Assert.Empty(afterEnd.Roles);
        Assert.Equal(RefreshOutcome.Invalid, refreshAfterEnd.Outcome);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Only_hashes_are_stored_and_the_clean_up_deletes_revoked_and_ended_sessions_only(DatabaseProvider provider)
    {
        await using var database = TestDatabases.New(provider, "sessionclean");
        var clock = new ManualClock(Start);
        var (services, userId) = await StartAsync(database, clock);
        await using var owned = services;
        await WithAsync(services, s => Task.FromResult(s.Start(userId, Client))); // ends with its lifetime
        var revoked = await WithAsync(services, s => Task.FromResult(s.Start(userId, Client)));
        await WithAsync(services, s => s.RevokeAsync(userId, revoked.SessionId, Token));
        clock.Now = Start + TimeSpan.FromDays(1);
        var later = await WithAsync(services, s => Task.FromResult(s.Start(userId, Client)));
        clock.Now = Start + TimeSpan.FromDays(2) + TimeSpan.FromSeconds(1); // the first has ended, "later" has not

        await services.GetServices<IHostedService>().OfType<ExpiredRows>().Single().DeleteAsync(Token);
        var rows = await services.InScopeAsync<AppDbContext, List<Session>>(db => db.Set<Session>().AsNoTracking().ToListAsync(Token));

        Assert.Equal([later.SessionId], rows.Select(r => r.Id));
        Assert.Equal(32, rows[0].RefreshHash.Length);
        Assert.DoesNotContain(later.RefreshToken.Split('.')[1], System.Text.Encoding.ASCII.GetString(rows[0].RefreshHash), StringComparison.Ordinal);
        Assert.Equal(("agent", "192.0.2.7"), (rows[0].UserAgent, rows[0].ClientAddress));
    }
}
