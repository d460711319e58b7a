using CleanApp.Infrastructure.Configuration;
using CleanApp.Infrastructure.Identity;
using CleanApp.Infrastructure.Persistence;
using CleanApp.Infrastructure.Persistence.Maintenance;
using CleanApp.Infrastructure.Persistence.Seeding;
using CleanApp.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CleanApp.Infrastructure.IntegrationTests.Persistence;

public class SeedingTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<ServiceProvider> MigratedAsync(IThrowawayDatabase database, bool isDevelopment = true, Dictionary<string, string?>? settings = null)
    {
        var services = InfrastructureServices.For(database, isDevelopment, settings);
        await services.InScopeAsync<DatabaseMaintenance, MigrateResult>(m => m.MigrateAsync(null, backup: false, null, Token));
        return services;
    }

    private static Task<SeedReport> SeedAsync(ServiceProvider services) =>
        services.InScopeAsync<DatabaseSeeder, SeedReport>(s => s.SeedAsync(null, Token));

    /// <summary>Every seeded row, as text: users with their password hashes, items with their owners.</summary>
    private static Task<List<string>> RowsAsync(ServiceProvider services) =>
        services.InScopeAsync<AppDbContext, List<string>>(async db =>
        {
            var users = await db.Users.OrderBy(u => u.Email)
                .Select(u => $"user {u.Id} {u.Email} {u.FullName} active={u.IsActive} super={u.IsSuperuser} {u.PasswordHash} {u.CreatedAt:O}")
                .ToListAsync(Token);
            var items = await db.Items.OrderBy(i => i.Title)
                .Select(i => $"item {i.Id} {i.OwnerId} {i.Title} {i.Description} {i.CreatedAt:O}")
                .ToListAsync(Token);
            var claims = await db.RoleClaims.ToListAsync(Token);
            var roles = (await db.Roles.OrderBy(r => r.Name).ToListAsync(Token))
                .Select(r => $"role {r.Id} {r.Name} {string.Join(",", claims.Where(c => c.RoleId == r.Id).Select(c => c.ClaimValue).Order(StringComparer.Ordinal))}")
                .ToList();
            var members = await db.UserRoles.OrderBy(m => m.UserId).Select(m => $"member {m.UserId} {m.RoleId}").ToListAsync(Token);
            return users.Concat(items).Concat(roles).Concat(members).ToList();
        });

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Seeding_twice_leaves_the_same_rows(DatabaseProvider provider)
    {
        await using var database = TestDatabases.New(provider, "seedtwice");
        await using var services = await MigratedAsync(database);

        var first = await SeedAsync(services);
        var rows = await RowsAsync(services);
        var second = await SeedAsync(services);

        Assert.True(first.UsersCreated > 1 && first.ItemsCreated > 1, $"the first run creates the sample data ({first})");
        Assert.Equal(2, first.RolesCreated); // the built-in admin role, and the sample custom role
        Assert.Contains(rows, r => r.StartsWith("role ", StringComparison.Ordinal) && r.EndsWith(" support items.read.any,users.read", StringComparison.Ordinal));
        Assert.Single(rows, r => r.StartsWith("member ", StringComparison.Ordinal)); // one sample user has it
        Assert.Equal(new SeedReport(0, 0), second);
        Assert.Equal(rows, await RowsAsync(services));
    }

    [Fact]
    public async Task The_first_superuser_can_be_found_by_email_in_any_case_and_signs_in_with_the_configured_password()
    {
        await using var database = TestDatabases.New(DatabaseProvider.Postgres, "superuser");
        await using var services = await MigratedAsync(database, isDevelopment: false,
            new() { ["FIRST_SUPERUSER"] = "Root@Example.com", ["FIRST_SUPERUSER_PASSWORD"] = "a-long-secret" });

        await SeedAsync(services);

        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var root = await users.FindByEmailAsync("root@EXAMPLE.com");
        Assert.NotNull(root);
        Assert.True(root.IsSuperuser);
        Assert.True(root.IsActive);
        Assert.True(await users.CheckPasswordAsync(root, "a-long-secret"));
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.CountAsync(Token));
    }

    [Fact]
    public async Task Seeding_never_overwrites_an_existing_superusers_password()
    {
        await using var database = TestDatabases.New(DatabaseProvider.Postgres, "nooverwrite");
        await using (var original = await MigratedAsync(database, settings: new() { ["FIRST_SUPERUSER_PASSWORD"] = "original-password" }))
        {
            await SeedAsync(original);
        }

        await using var changed = InfrastructureServices.For(database, extra: new() { ["FIRST_SUPERUSER_PASSWORD"] = "changed-password" });
        await SeedAsync(changed);

        await using var scope = changed.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var admin = await users.FindByEmailAsync(SeedSettings.DefaultFirstSuperuser);
        Assert.True(await users.CheckPasswordAsync(admin!, "original-password"));
        Assert.False(await users.CheckPasswordAsync(admin!, "changed-password"));
    }

    [Fact]
    public async Task Sample_data_shows_every_relationship_and_is_left_out_outside_development()
    {
        await using var development = TestDatabases.New(DatabaseProvider.Sqlite, "sample");
        await using var production = TestDatabases.New(DatabaseProvider.Sqlite, "nosample");
        await using var devServices = await MigratedAsync(development, isDevelopment: true);
        await using var prodServices = await MigratedAsync(production, isDevelopment: false);
        await SeedAsync(devServices);
        await SeedAsync(prodServices);

        var owners = await devServices.InScopeAsync<AppDbContext, List<(bool Super, bool Active, int Items)>>(async db =>
            (await db.Users.Select(u => new { u.IsSuperuser, u.IsActive, Items = db.Items.Count(i => i.OwnerId == u.Id) }).ToListAsync(Token))
            .Select(u => (u.IsSuperuser, u.IsActive, u.Items)).ToList());
        Assert.Contains(owners, o => o is { Super: true, Items: > 0 });
        Assert.Contains(owners, o => o is { Super: false, Active: true, Items: > 0 });
        Assert.Contains(owners, o => o is { Super: false, Active: true, Items: 0 });
        Assert.Contains(owners, o => o is { Active: false, Items: > 0 });

        var productionUsers = await prodServices.InScopeAsync<AppDbContext, List<string?>>(db => db.Users.Select(u => u.Email).ToListAsync(Token));
        Assert.Equal([SeedSettings.DefaultFirstSuperuser], productionUsers);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Deleting_a_user_deletes_their_items_through_the_database_cascade(DatabaseProvider provider)
    {
        await using var database = TestDatabases.New(provider, "cascade");
        await using var services = await MigratedAsync(database);
        await SeedAsync(services);

        var (aliceItems, othersBefore, othersAfter, aliceAfter) = await services.InScopeAsync<AppDbContext, (int, int, int, int)>(async db =>
        {
            var alice = await db.Users.SingleAsync(u => u.NormalizedEmail == "ALICE@EXAMPLE.COM", Token);
            var before = await db.Items.CountAsync(i => i.OwnerId == alice.Id, Token);
            var others = await db.Items.CountAsync(i => i.OwnerId != alice.Id, Token);
            // Plain SQL, not EF's change tracker: only the database's ON DELETE CASCADE can remove the items.
            await db.Database.ExecuteSqlAsync($"DELETE FROM users WHERE id = {alice.Id}", Token);
            return (before, others, await db.Items.CountAsync(i => i.OwnerId != alice.Id, Token), await db.Items.CountAsync(i => i.OwnerId == alice.Id, Token));
        });

        Assert.True(aliceItems > 0);
        Assert.Equal(0, aliceAfter);
        Assert.Equal(othersBefore, othersAfter);
    }

    [Fact]
    public async Task A_first_superuser_password_the_rules_refuse_names_the_setting()
    {
        await using var database = TestDatabases.New(DatabaseProvider.Sqlite, "badpassword");
        await using var services = await MigratedAsync(database, settings: new() { ["FIRST_SUPERUSER_PASSWORD"] = "short" });

        var error = await Assert.ThrowsAsync<InvalidSettingException>(() => SeedAsync(services));

        Assert.Equal("FIRST_SUPERUSER_PASSWORD", error.Setting);
    }
}
