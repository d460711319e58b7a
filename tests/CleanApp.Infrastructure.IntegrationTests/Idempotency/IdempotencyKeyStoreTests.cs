using CleanApp.Application.Common.Abstractions;
using CleanApp.Infrastructure.Configuration;
using CleanApp.Infrastructure.Persistence;
using CleanApp.Infrastructure.Persistence.Idempotency;
using CleanApp.Infrastructure.Persistence.Maintenance;
using CleanApp.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CleanApp.Infrastructure.IntegrationTests.Idempotency;

/// <summary>The idempotency-key store on both providers: claims, answers, leases, expiry.</summary>
public class IdempotencyKeyStoreTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static IdempotentRequest Request(string key = "key-1", byte fingerprint = 1) => new("user:test", key, [fingerprint, 2, 3]);

    private static async Task<ServiceProvider> StartAsync(IThrowawayDatabase database, ManualClock clock)
    {
        var services = InfrastructureServices.For(database, extra: new() { ["IDEMPOTENCY_KEY_HOURS"] = "2" }, clock: clock);
        await services.InScopeAsync<DatabaseMaintenance, MigrateResult>(m => m.MigrateAsync(null, backup: false, null, Token));
        return services;
    }

    private static Task<IdempotencyClaim> ClaimAsync(ServiceProvider services, IdempotentRequest request) =>
        services.InScopeAsync<IIdempotencyKeys, IdempotencyClaim>(keys => keys.ClaimAsync(request, Token));

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_key_is_claimed_once_answered_for_the_same_request_refused_for_another_and_released_on_failure(DatabaseProvider provider)
    {
        await using var database = TestDatabases.New(provider, "idemclaim");
        var clock = new ManualClock(Start);
        await using var services = await StartAsync(database, clock);
        var answer = new StoredAnswer(201, "application/json; charset=utf-8", "/api/v1/items/1", "\"1\"", [(byte)'{', (byte)'}']);

        var first = await ClaimAsync(services, Request());
        var during = await ClaimAsync(services, Request());
        await services.InScopeAsync<IIdempotencyKeys, bool>(async keys => { await keys.CompleteAsync(Request(), answer, Token); return true; });
        var after = await ClaimAsync(services, Request());
        var other = await ClaimAsync(services, Request(fingerprint: 9));
        var failed = await ClaimAsync(services, Request("key-2"));
        await services.InScopeAsync<IIdempotencyKeys, bool>(async keys => { await keys.ReleaseAsync(Request("key-2"), Token); return true; });
        var retried = await ClaimAsync(services, Request("key-2"));

        Assert.Equal(IdempotencyOutcome.Claimed, first.Outcome);
        Assert.Equal(IdempotencyOutcome.InProgress, during.Outcome);
        Assert.Equal(IdempotencyOutcome.Answered, after.Outcome);
        Assert.Equal((answer.Status, answer.ContentType, answer.Location, answer.ETag), (after.Answer!.Status, after.Answer.ContentType, after.Answer.Location, after.Answer.ETag));
        Assert.Equal(answer.Body, after.Answer.Body);
        Assert.Equal(IdempotencyOutcome.Mismatch, other.Outcome);
        Assert.Equal(IdempotencyOutcome.Claimed, failed.Outcome);
        Assert.Equal(IdempotencyOutcome.Claimed, retried.Outcome);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_key_held_past_its_lease_without_an_answer_is_taken_over_by_one_retry(DatabaseProvider provider)
    {
        await using var database = TestDatabases.New(provider, "idemlease");
        var clock = new ManualClock(Start);
        await using var services = await StartAsync(database, clock);
        await ClaimAsync(services, Request()); // its instance dies: no answer, no release

        clock.Now = Start + IdempotencySettings.Lease - TimeSpan.FromSeconds(1);
        var early = await ClaimAsync(services, Request());
        clock.Now = Start + IdempotencySettings.Lease + TimeSpan.FromSeconds(1);
        var takeover = await ClaimAsync(services, Request());
        var second = await ClaimAsync(services, Request());

        Assert.Equal(IdempotencyOutcome.InProgress, early.Outcome);
        Assert.Equal(IdempotencyOutcome.Claimed, takeover.Outcome);
        Assert.Equal(IdempotencyOutcome.InProgress, second.Outcome); // the taker holds a new lease
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task An_expired_key_is_claimable_again_and_the_expiry_job_deletes_only_expired_keys(DatabaseProvider provider)
    {
        await using var database = TestDatabases.New(provider, "idemexpiry");
        var clock = new ManualClock(Start);
        await using var services = await StartAsync(database, clock);
        var answer = new StoredAnswer(201, null, null, null, []);
        await ClaimAsync(services, Request("old"));
        await services.InScopeAsync<IIdempotencyKeys, bool>(async keys => { await keys.CompleteAsync(Request("old"), answer, Token); return true; });
        clock.Now = Start + TimeSpan.FromHours(1);
        await ClaimAsync(services, Request("young"));

        clock.Now = Start + TimeSpan.FromHours(2) + TimeSpan.FromSeconds(1); // "old" expired (2 h), "young" did not
        await services.GetServices<IHostedService>().OfType<ExpiredRows>().Single().DeleteAsync(Token);
        var left = await services.InScopeAsync<AppDbContext, List<string>>(db => db.Set<IdempotencyRecord>().Select(r => r.Key).ToListAsync(Token));
        var reused = await ClaimAsync(services, Request("old", fingerprint: 7));

        Assert.Equal(["young"], left);
        Assert.Equal(IdempotencyOutcome.Claimed, reused.Outcome);
    }
}
