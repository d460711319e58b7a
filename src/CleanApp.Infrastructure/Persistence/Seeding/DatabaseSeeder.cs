using CleanApp.Domain.Items;
using CleanApp.Infrastructure.Configuration;
using CleanApp.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CleanApp.Infrastructure.Persistence.Seeding;

/// <summary>What a seeding run added; a second run over the same database adds nothing.</summary>
public sealed record SeedReport(int UsersCreated, int ItemsCreated);

/// <summary>
/// Seeds the first superuser and, when enabled, sample data. Idempotent: every row is looked up before it
/// is created, and an existing user is never changed (in particular, its password is never overwritten).
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

        var (superuser, created) = await EnsureUserAsync(
            settings.FirstSuperuser, settings.FirstSuperuserPassword, fullName: null, isActive: true, isSuperuser: true,
            emailSetting: "FIRST_SUPERUSER", passwordSetting: "FIRST_SUPERUSER_PASSWORD");
        usersCreated += created ? 1 : 0;
        progress?.Report($"Seeding: the first superuser {settings.FirstSuperuser} {(created ? "created" : "exists already")}.");

        if (settings.SampleData)
        {
            itemsCreated += await EnsureItemsAsync(superuser.Id, SampleData.SuperuserItems, cancellationToken);
            foreach (var sample in SampleData.Users)
            {
                var (user, userCreated) = await EnsureUserAsync(
                    sample.Email, SampleData.Password, sample.FullName, sample.IsActive, isSuperuser: false,
                    emailSetting: null, passwordSetting: null);
                usersCreated += userCreated ? 1 : 0;
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

        LogSeeded(logger, usersCreated, itemsCreated);
        return new SeedReport(usersCreated, itemsCreated);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeding done: {UsersCreated} users and {ItemsCreated} items created")]
    private static partial void LogSeeded(ILogger logger, int usersCreated, int itemsCreated);
}
