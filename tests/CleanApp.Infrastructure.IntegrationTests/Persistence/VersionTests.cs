using CleanApp.Application.Common.Errors;
using CleanApp.Domain.Items;
using CleanApp.Infrastructure.Configuration;
using CleanApp.Infrastructure.Identity;
using CleanApp.Infrastructure.Persistence;
using CleanApp.Infrastructure.Persistence.Maintenance;
using CleanApp.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CleanApp.Infrastructure.IntegrationTests.Persistence;

/// <summary>Versions and the audit trail as persistence keeps them, on both providers: two saves of one read never both win.</summary>
public class VersionTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Each_edit_saves_the_next_version_and_an_edit_of_a_version_replaced_since_it_was_read_saves_nothing(DatabaseProvider provider)
    {
        await using var database = TestDatabases.New(provider, "versions");
        var clock = new ManualClock(Start);
        await using var services = InfrastructureServices.For(database, clock: clock);
        await services.InScopeAsync<DatabaseMaintenance, MigrateResult>(m => m.MigrateAsync(null, backup: false, null, Token));
        var item = await services.InScopeAsync<AppDbContext, Item>(async db =>
        {
            var owner = new ApplicationUser { Email = "owner@example.com", UserName = "owner@example.com" };
            db.Users.Add(owner);
            var created = Item.Create(owner.Id, "first", null);
            db.Items.Add(created);
            await db.SaveChangesAsync(Token);
            return created;
        });

        await using var first = services.CreateAsyncScope();
        await using var second = services.CreateAsyncScope();
        var mine = await first.ServiceProvider.GetRequiredService<AppDbContext>().Items.SingleAsync(i => i.Id == item.Id, Token);
        var theirs = await second.ServiceProvider.GetRequiredService<AppDbContext>().Items.SingleAsync(i => i.Id == item.Id, Token);
        clock.Now = Start.AddMinutes(5);
        mine.Rename("mine");
        await first.ServiceProvider.GetRequiredService<AppDbContext>().SaveChangesAsync(Token);
        theirs.Rename("theirs");
        await Assert.ThrowsAsync<EditConflictException>(() => second.ServiceProvider.GetRequiredService<AppDbContext>().SaveChangesAsync(Token));

        var saved = await services.InScopeAsync<AppDbContext, Item>(db => db.Items.AsNoTracking().SingleAsync(i => i.Id == item.Id, Token));
        Assert.Equal((1, Start, Start), (item.Version, item.CreatedAt, item.UpdatedAt));
        Assert.Equal(("mine", 2, Start, Start.AddMinutes(5)), (saved.Title, saved.Version, saved.CreatedAt, saved.UpdatedAt));
    }
}
