using CleanApp.Application.Common.Paging;
using CleanApp.Application.Items;
using CleanApp.Domain.Items;
using CleanApp.Infrastructure.Configuration;
using CleanApp.Infrastructure.Identity;
using CleanApp.Infrastructure.Persistence;
using CleanApp.Infrastructure.Persistence.Maintenance;
using CleanApp.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CleanApp.Infrastructure.IntegrationTests.Persistence;

/// <summary>The page total comes from counts the database keeps; they must equal a real count whatever happens.</summary>
public class ItemCountTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task The_count_stays_exact_under_concurrent_creates_and_deletes_and_a_cascading_user_delete(DatabaseProvider provider)
    {
        await using var database = TestDatabases.New(provider, "counts");
        await using var services = InfrastructureServices.For(database);
        await services.InScopeAsync<DatabaseMaintenance, MigrateResult>(m => m.MigrateAsync(null, backup: false, null, Token));
        var owners = await services.InScopeAsync<AppDbContext, List<Guid>>(async db =>
        {
            var users = Enumerable.Range(0, 3).Select(i => new ApplicationUser { Email = $"u{i}@example.com", UserName = $"u{i}@example.com" }).ToList();
            db.Users.AddRange(users);
            await db.SaveChangesAsync(Token);
            return [.. users.Select(u => u.Id)];
        });

        // Eight writers at once, each creating items for every owner and deleting every third one it made. SQLite
        // (the zero-setup, one-developer database) takes one writer at a time: one writer there.
        var writerCount = provider == DatabaseProvider.Postgres ? 8 : 1;
        var writers = Enumerable.Range(0, writerCount).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < 15; i++)
            {
                var owner = owners[(writer + i) % owners.Count];
                var item = await CreateAsync(services, owner, $"w{writer}-{i}");
                if (i % 3 == 0)
                {
                    await DeleteAsync(services, item);
                }
            }
        }, Token));
        await Task.WhenAll(writers);

        var afterWriters = await CountsAsync(services);
        Assert.Equal(afterWriters.Real, afterWriters.Kept);
        Assert.Equal(writerCount * 10, afterWriters.Real.Values.Sum());

        await services.InScopeAsync<AppDbContext, int>(db => db.Users.Where(u => u.Id == owners[0]).ExecuteDeleteAsync(Token));
        var afterCascade = await CountsAsync(services);
        Assert.Equal(afterCascade.Real, afterCascade.Kept);
        Assert.DoesNotContain(owners[0], afterCascade.Kept.Keys);

        var page = await services.InScopeAsync<IItemQueries, Page<ItemDto>>(q => q.ListAsync(owners[1], new PageRequest(0, 5), Token));
        var all = await services.InScopeAsync<IItemQueries, Page<ItemDto>>(q => q.ListAsync(null, new PageRequest(0, 5), Token));
        Assert.Equal(afterCascade.Real[owners[1]], page.Count);
        Assert.Equal(afterCascade.Real.Values.Sum(), all.Count);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_bulk_insert_and_a_move_between_owners_outside_the_app_are_counted_too(DatabaseProvider provider)
    {
        await using var database = TestDatabases.New(provider, "bulkcount");
        await using var services = InfrastructureServices.For(database);
        await services.InScopeAsync<DatabaseMaintenance, MigrateResult>(m => m.MigrateAsync(null, backup: false, null, Token));
        var (a, b) = await services.InScopeAsync<AppDbContext, (Guid, Guid)>(async db =>
        {
            var users = new[] { new ApplicationUser { Email = "a@example.com", UserName = "a@example.com" }, new ApplicationUser { Email = "b@example.com", UserName = "b@example.com" } };
            db.Users.AddRange(users);
            await db.SaveChangesAsync(Token);
            return (users[0].Id, users[1].Id);
        });
        for (var i = 0; i < 4; i++)
        {
            await CreateAsync(services, a, $"a{i}");
        }

        // One UPDATE moving every item of a to b: what a script or a future feature might do.
        await services.InScopeAsync<AppDbContext, int>(db => db.Items.ExecuteUpdateAsync(set => set.SetProperty(i => i.OwnerId, b), Token));

        var counts = await CountsAsync(services);
        Assert.Equal(counts.Real, counts.Kept.Where(c => c.Value != 0).ToDictionary());
        Assert.Equal(4, counts.Kept[b]);
    }

    private static async Task<Guid> CreateAsync(ServiceProvider services, Guid owner, string title)
    {
        await using var scope = services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<IItemRepository>().AddAsync(Item.Create(owner, title, null), Token)).Id;
    }

    private static async Task DeleteAsync(ServiceProvider services, Guid id)
    {
        await using var scope = services.CreateAsyncScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<IItemRepository>().DeleteAsync(id, owner: null, Token));
    }

    /// <summary>Each owner's real number of items, and what item_counts says.</summary>
    private static Task<(Dictionary<Guid, long> Real, Dictionary<Guid, long> Kept)> CountsAsync(ServiceProvider services) =>
        services.InScopeAsync<AppDbContext, (Dictionary<Guid, long>, Dictionary<Guid, long>)>(async db => (
            await db.Items.GroupBy(i => i.OwnerId).Select(g => new { g.Key, Count = g.LongCount() }).ToDictionaryAsync(g => g.Key, g => g.Count, Token),
            await db.ItemCounts.Where(c => c.Count != 0).ToDictionaryAsync(c => c.OwnerId, c => c.Count, Token)));
}
