using System.Collections.Concurrent;
using CleanApp.Application.Common.Events;
using CleanApp.Application.Items;
using CleanApp.Domain.Items;
using CleanApp.Infrastructure.Configuration;
using CleanApp.Infrastructure.Identity;
using CleanApp.Infrastructure.Persistence;
using CleanApp.Infrastructure.Persistence.Maintenance;
using CleanApp.Infrastructure.Persistence.Outbox;
using CleanApp.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CleanApp.Infrastructure.IntegrationTests.Outbox;

/// <summary>The transactional outbox on both providers: what is written with a change, and how the dispatcher delivers it.</summary>
public class OutboxTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_rolled_back_change_writes_no_message_and_a_committed_one_always_has_its_own(DatabaseProvider provider)
    {
        await using var database = TestDatabases.New(provider, "outboxtx");
        await using var services = await StartAsync(database);
        var owner = await OwnerAsync(services);

        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(Token);
            db.Items.Add(Item.Create(owner, "rolled back", null));
            await db.SaveChangesAsync(Token);
            await transaction.RollbackAsync(Token);
        }

        var kept = Item.Create(owner, "kept", null);
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.Items.Add(kept);
            await db.SaveChangesAsync(Token);
        }

        await using var check = services.CreateAsyncScope();
        var messages = await check.ServiceProvider.GetRequiredService<AppDbContext>().Set<OutboxMessage>().AsNoTracking().ToListAsync(Token);
        var message = Assert.Single(messages);
        Assert.Equal(DomainEventHandlers.NameOf(typeof(ItemCreated)), message.EventType);
        Assert.Equal(DomainEventHandlers.NameOf(typeof(CountingHandler)), message.Handler);
        Assert.Contains(kept.Id.ToString(), message.Payload, StringComparison.Ordinal);
        Assert.Null(message.DispatchedAt);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Items_written_through_their_store_record_their_events_with_the_change_and_never_without_it(DatabaseProvider provider)
    {
        // On PostgreSQL the store writes an item as plain SQL (PostgresItemRepository): its messages go in the same batch.
        await using var database = TestDatabases.New(provider, "outboxitems");
        await using var services = await StartAsync(database, handlers: DomainEventHandlers.Of(
            (typeof(ItemCreated), typeof(CountingHandler)), (typeof(ItemDeleted), typeof(DeletionHandler))));
        var owner = await OwnerAsync(services);

        var created = await services.InScopeAsync<IItemRepository, ItemDto>(r => r.AddAsync(Item.Create(owner, "evented", null), Token));
        var orphan = Item.Create(Guid.CreateVersion7(), "no such owner", null); // refused by the owner's foreign key
        await Assert.ThrowsAnyAsync<Exception>(() => services.InScopeAsync<IItemRepository, ItemDto>(r => r.AddAsync(orphan, Token)));
        Assert.True(await services.InScopeAsync<IItemRepository, bool>(r => r.DeleteAsync(created.Id, owner, Token)));

        var messages = await services.InScopeAsync<AppDbContext, List<OutboxMessage>>(db => db.Set<OutboxMessage>().AsNoTracking().OrderBy(m => m.OccurredAt).ToListAsync(Token));
        Assert.Equal(
            [(DomainEventHandlers.NameOf(typeof(ItemCreated)), DomainEventHandlers.NameOf(typeof(CountingHandler))),
             (DomainEventHandlers.NameOf(typeof(ItemDeleted)), DomainEventHandlers.NameOf(typeof(DeletionHandler)))],
            messages.Select(m => (m.EventType, m.Handler)));
        Assert.All(messages, m => Assert.Contains(created.Id.ToString(), m.Payload, StringComparison.Ordinal));

        var dispatcher = services.GetServices<IHostedService>().OfType<OutboxDispatcher>().Single();
        await dispatcher.DispatchBatchAsync(Token);
        Assert.Equal([created.Id], services.GetRequiredService<HandledLog>().Succeeded);
        Assert.Equal([created.Id], services.GetRequiredService<DeletionLog>().Deleted);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task The_backlog_counts_the_waiting_messages_and_the_oldest_ones_age(DatabaseProvider provider)
    {
        await using var database = TestDatabases.New(provider, "outboxbacklog");
        var clock = new ManualClock(new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero));
        await using var services = await StartAsync(database, clock: clock);
        var owner = await OwnerAsync(services);
        Assert.Equal((0, TimeSpan.Zero), await services.InScopeAsync<IOutboxClaims, (int, TimeSpan)>(c => c.BacklogAsync(Token)));

        await services.InScopeAsync<IItemRepository, ItemDto>(r => r.AddAsync(Item.Create(owner, "first", null), Token));
        clock.Now = clock.Now.AddMinutes(1);
        await services.InScopeAsync<IItemRepository, ItemDto>(r => r.AddAsync(Item.Create(owner, "second", null), Token));
        clock.Now = clock.Now.AddMinutes(2);

        Assert.Equal((2, TimeSpan.FromMinutes(3)), await services.InScopeAsync<IOutboxClaims, (int, TimeSpan)>(c => c.BacklogAsync(Token)));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task The_dispatcher_runs_the_handler_once_per_message_retries_a_failure_and_gives_up_after_the_last_attempt(DatabaseProvider provider)
    {
        await using var database = TestDatabases.New(provider, "outboxrun");
        await using var services = await StartAsync(database, new() { ["OUTBOX_MAX_ATTEMPTS"] = "3", ["OUTBOX_FIRST_RETRY_MS"] = "1" });
        var owner = await OwnerAsync(services);
        var log = services.GetRequiredService<HandledLog>();
        var items = Enumerable.Range(0, 5).Select(i => Item.Create(owner, $"item {i}", null)).ToList();
        log.Refuse(items[1].Id, times: 1); // fails once, then goes through
        log.Refuse(items[2].Id, times: int.MaxValue); // never goes through
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.Items.AddRange(items);
            await db.SaveChangesAsync(Token);
        }

        var dispatcher = services.GetServices<IHostedService>().OfType<OutboxDispatcher>().Single();
        for (var round = 0; round < 50 && await PendingAsync(services) > 0; round++)
        {
            await dispatcher.DispatchBatchAsync(Token);
            await Task.Delay(10, Token);
        }

        Assert.Equal([.. items.Where(i => i != items[2]).Select(i => i.Id).Order()], log.Succeeded.Order());
        Assert.Equal(2, log.Attempts(items[1].Id));
        Assert.Equal(3, log.Attempts(items[2].Id));
        await using var check = services.CreateAsyncScope();
        var dead = Assert.Single(await check.ServiceProvider.GetRequiredService<AppDbContext>().Set<OutboxMessage>().Where(m => m.DeadAt != null).ToListAsync(Token));
        Assert.Equal(3, dead.Attempts);
        Assert.Contains("refused on purpose", dead.LastError, StringComparison.Ordinal);
        Assert.Null(dead.DispatchedAt);
    }

    [Fact]
    public async Task Instances_claiming_at_once_on_postgres_never_get_the_same_message()
    {
        await using var database = TestDatabases.New(DatabaseProvider.Postgres, "outboxclaim");
        await using var services = await StartAsync(database);
        var owner = await OwnerAsync(services);
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.Items.AddRange(Enumerable.Range(0, 200).Select(i => Item.Create(owner, $"item {i}", null)));
            await db.SaveChangesAsync(Token);
        }

        var claimed = new ConcurrentBag<Guid>();
        var claimers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                await using var scope = services.CreateAsyncScope();
                var now = DateTimeOffset.UtcNow;
                var batch = await scope.ServiceProvider.GetRequiredService<IOutboxClaims>().ClaimAsync(now, now.AddMinutes(2), 7, Token);
                if (batch.Count == 0)
                {
                    return;
                }

                foreach (var message in batch)
                {
                    claimed.Add(message.Id);
                }
            }
        }, Token));
        await Task.WhenAll(claimers);

        Assert.Equal(200, claimed.Count);
        Assert.Equal(200, claimed.Distinct().Count());
    }

    [Fact]
    public async Task Periodic_work_runs_on_one_postgres_instance_at_a_time()
    {
        await using var database = TestDatabases.New(DatabaseProvider.Postgres, "outboxalone");
        await using var services = await StartAsync(database);
        var jobs = services.GetRequiredService<IJobLock>();
        var release = new TaskCompletionSource();
        var started = new TaskCompletionSource();

        var first = jobs.RunAloneAsync(ExpiredRows.Job, async _ =>
        {
            started.SetResult();
            await release.Task;
        }, Token);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10), Token);
        var ranSecond = false;
        var second = await jobs.RunAloneAsync(ExpiredRows.Job, _ => { ranSecond = true; return Task.CompletedTask; }, Token);
        var other = await jobs.RunAloneAsync("another-job", _ => Task.CompletedTask, Token);
        release.SetResult();
        var firstRan = await first;
        var afterwards = await jobs.RunAloneAsync(ExpiredRows.Job, _ => Task.CompletedTask, Token);

        Assert.Equal((true, false, false, true, true), (firstRan, second, ranSecond, other, afterwards));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_batch_gives_back_what_its_lease_leaves_no_time_for_so_no_other_instance_sends_it_twice(DatabaseProvider provider)
    {
        await using var database = TestDatabases.New(provider, "outboxlease");
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var services = await StartAsync(database, new() { ["OUTBOX_LEASE_SECONDS"] = "10" }, clock);
        var owner = await OwnerAsync(services);
        await services.InScopeAsync<AppDbContext, int>(db =>
        {
            db.Items.AddRange(Enumerable.Range(0, 5).Select(i => Item.Create(owner, $"item {i}", null)));
            return db.SaveChangesAsync(Token);
        });
        var log = services.GetRequiredService<HandledLog>();
        log.WhileHandling = () => clock.Now += TimeSpan.FromSeconds(3); // a slow handler

        await services.GetServices<IHostedService>().OfType<OutboxDispatcher>().Single().DispatchBatchAsync(Token);

        // Handled at 0 s and 3 s; at 6 s less than half the 10 s lease is left: the other three go back, unattempted.
        Assert.Equal(2, log.Succeeded.Count());
        var left = await services.InScopeAsync<AppDbContext, List<OutboxMessage>>(db => db.Set<OutboxMessage>().AsNoTracking().Where(m => m.DispatchedAt == null).ToListAsync(Token));
        Assert.Equal([(null, 0), (null, 0), (null, 0)], left.Select(m => (m.LockedUntil, m.Attempts)));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task The_clean_up_deletes_dispatched_messages_past_their_retention_and_keeps_the_rest(DatabaseProvider provider)
    {
        await using var database = TestDatabases.New(provider, "outboxretain");
        await using var services = await StartAsync(database, new() { ["OUTBOX_RETENTION_HOURS"] = "24" });
        var now = DateTimeOffset.UtcNow;
        OutboxMessage Message(string name, DateTimeOffset? dispatched, DateTimeOffset? dead = null) =>
            new() { EventType = name, Handler = "handler", Payload = "{}", OccurredAt = now.AddDays(-3), AvailableAt = now.AddDays(-3), DispatchedAt = dispatched, DeadAt = dead };
        await services.InScopeAsync<AppDbContext, int>(db =>
        {
            db.Set<OutboxMessage>().AddRange(
                Message("old", now.AddHours(-25)), Message("recent", now.AddHours(-23)), Message("dead", null, now.AddDays(-2)), Message("pending", null));
            return db.SaveChangesAsync(Token);
        });

        await services.GetServices<IHostedService>().OfType<ExpiredRows>().Single().DeleteAsync(Token);

        var left = await services.InScopeAsync<AppDbContext, List<string>>(db => db.Set<OutboxMessage>().Select(m => m.EventType).ToListAsync(Token));
        Assert.Equal(["dead", "pending", "recent"], left.Order());
    }

    private static async Task<ServiceProvider> StartAsync(
        IThrowawayDatabase database, Dictionary<string, string?>? settings = null, ManualClock? clock = null, DomainEventHandlers? handlers = null)
    {
        var services = InfrastructureServices.For(database, extra: settings, clock: clock, configure: s => s
            .AddSingleton(handlers ?? DomainEventHandlers.Of((typeof(ItemCreated), typeof(CountingHandler))))
            .AddSingleton<HandledLog>()
            .AddSingleton<DeletionLog>()
            .AddScoped<CountingHandler>()
            .AddScoped<DeletionHandler>());
        await services.InScopeAsync<DatabaseMaintenance, MigrateResult>(m => m.MigrateAsync(null, backup: false, null, Token));
        return services;
    }

    private static Task<Guid> OwnerAsync(ServiceProvider services) => services.InScopeAsync<AppDbContext, Guid>(async db =>
    {
        var user = new ApplicationUser { Email = "owner@example.com", UserName = "owner@example.com" };
        db.Users.Add(user);
        await db.SaveChangesAsync(Token);
        return user.Id;
    });

    private static Task<int> PendingAsync(ServiceProvider services) =>
        services.InScopeAsync<AppDbContext, int>(db => db.Set<OutboxMessage>().CountAsync(m => m.DispatchedAt == null && m.DeadAt == null, Token));

    /// <summary>What the handler did: its side effect, counted by item; refusals on request.</summary>
    internal sealed class HandledLog
    {
        private readonly ConcurrentDictionary<Guid, int> refusals = new();
        private readonly ConcurrentDictionary<Guid, int> attempts = new();
        private readonly ConcurrentBag<Guid> succeeded = [];

        public IEnumerable<Guid> Succeeded => succeeded;

        public void Refuse(Guid item, int times) => refusals[item] = times;

        public int Attempts(Guid item) => attempts.GetValueOrDefault(item);

        /// <summary>Runs while each message is handled (a test's clock moving on).</summary>
        public Action? WhileHandling { get; set; }

        public void Handle(Guid item)
        {
            WhileHandling?.Invoke();
            attempts.AddOrUpdate(item, 1, (_, n) => n + 1);
            if (refusals.TryGetValue(item, out var left) && left > 0)
            {
                refusals[item] = left - 1;
                throw new InvalidOperationException("refused on purpose");
            }

            succeeded.Add(item);
        }
    }

    internal sealed class CountingHandler(HandledLog log) : IDomainEventHandler<ItemCreated>
    {
        public ValueTask HandleAsync(ItemCreated domainEvent, EventDelivery delivery, CancellationToken cancellationToken)
        {
            log.Handle(domainEvent.ItemId);
            return ValueTask.CompletedTask;
        }
    }

    internal sealed class DeletionLog
    {
        private readonly ConcurrentBag<Guid> deleted = [];

        public IEnumerable<Guid> Deleted => deleted;

        public void Add(Guid item) => deleted.Add(item);
    }

    internal sealed class DeletionHandler(DeletionLog log) : IDomainEventHandler<ItemDeleted>
    {
        public ValueTask HandleAsync(ItemDeleted domainEvent, EventDelivery delivery, CancellationToken cancellationToken)
        {
            log.Add(domainEvent.ItemId);
            return ValueTask.CompletedTask;
        }
    }
}
