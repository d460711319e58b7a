using CleanApp.Application.Common.Security;
using CleanApp.Domain.Items;
using CleanApp.Infrastructure.Identity;

namespace CleanApp.Infrastructure.Persistence.Seeding;

/// <summary>What a seeding run added; a second run over the same database adds nothing.</summary>
public sealed record SeedReport(int UsersCreated, int ItemsCreated, int RolesCreated = 0);

/// <summary>
/// Seeds the built-in admin role, the first superuser and, when enabled, sample data (with a custom role). Idempotent:
/// every row is looked up before it is created, and an existing user or role is never changed (in particular, a
/// password is never overwritten).
/// </summary>
public sealed partial class DatabaseSeeder(
    AppDbContext db,
    UserManager<ApplicationUser> userManager,
    SeedSettings settings,
    IEnumerable<ISampleData> features,
    ILogger<DatabaseSeeder> logger)
{
    public async Task<SeedReport> SeedAsync(IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var usersCreated = 0;
        var itemsCreated = 0;
        var rolesCreated = 0;

        // The built-in role: its members are the superusers (is_superuser) and it holds every permission, so its row
        // holds no permission of its own; it is there so the name is taken and Identity's tables show it.
        rolesCreated += await EnsureRoleAsync(PermissionCatalog.AdminRole, [], cancellationToken) is (_, true) ? 1 : 0;

        var (superuser, created) = await EnsureUserAsync(
            settings.FirstSuperuser, settings.FirstSuperuserPassword, fullName: null, isActive: true, isSuperuser: true,
            emailSetting: "FIRST_SUPERUSER", passwordSetting: "FIRST_SUPERUSER_PASSWORD");
        usersCreated += created ? 1 : 0;
        progress?.Report($"Seeding: the first superuser {settings.FirstSuperuser} {(created ? "created" : "exists already")}.");

        if (settings.SampleData)
        {
            itemsCreated += await EnsureItemsAsync(superuser.Id, SampleData.SuperuserItems, cancellationToken);
            var (role, roleCreated) = await EnsureRoleAsync(SampleData.Role.Name, SampleData.Role.Permissions, cancellationToken);
            rolesCreated += roleCreated ? 1 : 0;
            foreach (var sample in SampleData.Users)
            {
                var (user, userCreated) = await EnsureUserAsync(
                    sample.Email, SampleData.Password, sample.FullName, sample.IsActive, isSuperuser: false,
                    emailSetting: null, passwordSetting: null);
                usersCreated += userCreated ? 1 : 0;
                if (sample.HasSampleRole && (userCreated || roleCreated))
                {
                    db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = role });
                    await db.SaveChangesAsync(cancellationToken);
                }

                itemsCreated += await EnsureItemsAsync(user.Id, sample.Items, cancellationToken);
                progress?.Report($"Seeding: sample user {sample.Email} and {sample.Items.Count} items.");
            }

            foreach (var feature in features)
            {
                if (await feature.SeedAsync(db, superuser.Id, cancellationToken) is { } added)
                {
                    progress?.Report($"Seeding: {added}.");
                }
            }
        }

        LogSeeded(logger, usersCreated, itemsCreated, rolesCreated);
        return new SeedReport(usersCreated, itemsCreated, rolesCreated);
    }

    private async Task<(ApplicationUser User, bool Created)> EnsureUserAsync(
        string email, string password, string? fullName, bool isActive, bool isSuperuser, string? emailSetting, string? passwordSetting)
    {
        var existing = await userManager.FindByEmailAsync(email);
        if (existing is not null)
        {
            return (existing, false);
        }

        var user = new ApplicationUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            FullName = fullName,
            IsActive = isActive,
            IsSuperuser = isSuperuser,
        };
        var result = await userManager.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            var problems = string.Join(" ", result.Errors.Select(e => e.Description));
            var passwordProblem = result.Errors.Any(e => e.Code.StartsWith("Password", StringComparison.Ordinal));
            var setting = passwordProblem ? passwordSetting : emailSetting;
            throw setting is null
                ? new InvalidOperationException($"Could not seed user {email}: {problems}")
                : new InvalidSettingException(setting, $"cannot create the user {email}: {problems}", "Fix it in .env or the environment, then seed again.");
        }

        return (user, true);
    }

    private async Task<int> EnsureItemsAsync(Guid ownerId, IReadOnlyList<SampleItem> items, CancellationToken cancellationToken)
    {
        var titles = items.Select(i => i.Title).ToList();
        var existing = await db.Items
            .Where(i => i.OwnerId == ownerId && titles.Contains(i.Title))
            .Select(i => i.Title)
            .ToListAsync(cancellationToken);
        var missing = items.Where(i => !existing.Contains(i.Title)).ToList();
        foreach (var item in missing)
        {
            db.Items.Add(Item.Create(ownerId, item.Title, item.Description));
        }

        await db.SaveChangesAsync(cancellationToken);
        return missing.Count;
    }

    private async Task<(Guid Id, bool Created)> EnsureRoleAsync(string name, IReadOnlyList<string> permissions, CancellationToken cancellationToken)
    {
        var normalized = name.ToUpperInvariant();
        var existing = await db.Roles.Where(r => r.NormalizedName == normalized).Select(r => (Guid?)r.Id).FirstOrDefaultAsync(cancellationToken);
        if (existing is { } id)
        {
            return (id, false);
        }

        var role = RoleRepository.Add(db, name, normalized, permissions);
        await db.SaveChangesAsync(cancellationToken);
        return (role.Id, true);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeding done: {UsersCreated} users, {ItemsCreated} items and {RolesCreated} roles created")]
    private static partial void LogSeeded(ILogger logger, int usersCreated, int itemsCreated, int rolesCreated);
}
