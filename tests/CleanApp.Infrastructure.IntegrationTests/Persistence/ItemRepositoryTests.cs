using CleanApp.Application.Common.Paging;
using CleanApp.Application.Items;
using CleanApp.Domain.Items;
using CleanApp.Infrastructure.Configuration;
using CleanApp.Infrastructure.Identity;
using CleanApp.Infrastructure.Persistence;
using CleanApp.Infrastructure.Persistence.Maintenance;
using CleanApp.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CleanApp.Infrastructure.IntegrationTests.Persistence;

public class ItemRepositoryTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task List_pages_newest_first_with_the_id_breaking_ties_and_counts_every_match(DatabaseProvider provider)
    {
        await using var database = TestDatabases.New(provider, "listing");
        var clock = new ManualClock(Start);
        await using var services = InfrastructureServices.For(database, clock: clock);
        await services.InScopeAsync<DatabaseMaintenance, MigrateResult>(m => m.MigrateAsync(null, backup: false, null, Token));
        var (alice, bob) = await services.InScopeAsync<AppDbContext, (Guid, Guid)>(async db =>
        {
            var a = new ApplicationUser { Email = "a@example.com", UserName = "a@example.com" };
            var b = new ApplicationUser { Email = "b@example.com", UserName = "b@example.com" };
            db.Users.AddRange(a, b);
            await db.SaveChangesAsync(Token);
            return (a.Id, b.Id);
        });

        // Alice's items at minutes 0, 1, 2, 2, 2, 3 (three share a timestamp); Bob has one at minute 9.
        var alices = new List<(Guid Id, DateTimeOffset At)>();
        foreach (var minute in new[] { 0, 1, 2, 2, 2, 3 })
        {
            clock.Now = Start.AddMinutes(minute);
            alices.Add(await AddItemAsync(services, alice, $"a{alices.Count}"));
        }

        clock.Now = Start.AddMinutes(9);
        var bobs = await AddItemAsync(services, bob, "b0");

        var expected = alices.OrderByDescending(i => i.At).ThenByDescending(i => i.Id).Select(i => i.Id).ToList();
        var firstPage = await ListAsync(services, alice, 0, 4);
        var secondPage = await ListAsync(services, alice, 4, 4);
        var everyone = await ListAsync(services, null, 0, 100);

        Assert.Equal(6, firstPage.Count);
        Assert.Equal(expected.Take(4), firstPage.Data.Select(i => i.Id));
        Assert.Equal(expected.Skip(4), secondPage.Data.Select(i => i.Id));
        Assert.Equal(7, everyone.Count);
        Assert.Equal(bobs.Id, everyone.Data[0].Id);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Creation_time_is_stamped_on_save_and_reads_back_unchanged(DatabaseProvider provider)
    {
        await using var database = TestDatabases.New(provider, "stamp");
        var clock = new ManualClock(Start.AddTicks(1234567));
        await using var services = InfrastructureServices.For(database, clock: clock);
        await services.InScopeAsync<DatabaseMaintenance, MigrateResult>(m => m.MigrateAsync(null, backup: false, null, Token));
        var owner = await services.InScopeAsync<AppDbContext, Guid>(async db =>
        {
            var user = new ApplicationUser { Email = "o@example.com", UserName = "o@example.com" };
            db.Users.Add(user);
            await db.SaveChangesAsync(Token);
            return user.Id;
        });

        var (id, stamped) = await AddItemAsync(services, owner, "stamped");
        clock.Now = Start.AddDays(1);
        var read = await services.InScopeAsync<IItemRepository, Item?>(r => r.FindAsync(id, Token));

        Assert.Equal(Start.AddTicks(1234560), stamped); // microsecond precision, as PostgreSQL keeps it
        Assert.Equal(stamped, read!.CreatedAt);
        Assert.Equal(TimeSpan.Zero, read.CreatedAt.Offset);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task The_cursor_pages_through_every_item_once_while_items_are_added(DatabaseProvider provider)
    {
        await using var database = TestDatabases.New(provider, "cursor");
        var clock = new ManualClock(Start);
        await using var services = InfrastructureServices.For(database, clock: clock);
        await services.InScopeAsync<DatabaseMaintenance, MigrateResult>(m => m.MigrateAsync(null, backup: false, null, Token));
        var owner = await services.InScopeAsync<AppDbContext, Guid>(async db =>
        {
            var user = new ApplicationUser { Email = "o@example.com", UserName = "o@example.com" };
            db.Users.Add(user);
            await db.SaveChangesAsync(Token);
            return user.Id;
        });

        // 20 items over 7 distinct times, so many pages end inside a run of equal timestamps.
        var existing = new List<(Guid Id, DateTimeOffset At)>();
        for (var n = 0; n < 20; n++)
        {
            clock.Now = Start.AddMinutes(n / 3);
            existing.Add(await AddItemAsync(services, owner, $"i{n}"));
        }

        var seen = new List<Guid>();
        var page = await ListAsync(services, owner, new PageRequest(0, 6));
        seen.AddRange(page.Data.Select(i => i.Id));
        while (page.NextCursor is not null)
        {
            clock.Now = Start.AddHours(1).AddMinutes(seen.Count);
            await AddItemAsync(services, owner, "added while paging"); // newer than everything: never on a later page
            Assert.True(PageCursor.TryDecode(page.NextCursor, out var cursor));
            page = await ListAsync(services, owner, new PageRequest(0, 6, cursor));
            seen.AddRange(page.Data.Select(i => i.Id));
        }

        Assert.Equal(existing.OrderByDescending(i => i.At).ThenByDescending(i => i.Id).Select(i => i.Id), seen);
        Assert.Equal(20 + 3, page.Count); // the exact total, the three added ones included
    }

    private static async Task<(Guid Id, DateTimeOffset At)> AddItemAsync(ServiceProvider services, Guid owner, string title)
    {
        await using var scope = services.CreateAsyncScope();
        var item = await scope.ServiceProvider.GetRequiredService<IItemRepository>().AddAsync(Item.Create(owner, title, null), Token);
        return (item.Id, item.CreatedAt);
    }

    private static Task<Page<ItemDto>> ListAsync(ServiceProvider services, Guid? owner, int skip, int limit) =>
        ListAsync(services, owner, new PageRequest(skip, limit));

    private static Task<Page<ItemDto>> ListAsync(ServiceProvider services, Guid? owner, PageRequest request) =>
        services.InScopeAsync<IItemQueries, Page<ItemDto>>(q => q.ListAsync(owner, request, Token));
}
