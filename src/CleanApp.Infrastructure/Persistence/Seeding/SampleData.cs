using CleanApp.Application.Items;
using CleanApp.Application.Users;

namespace CleanApp.Infrastructure.Persistence.Seeding;

/// <summary>
/// Development data that shows every relationship: a superuser with items, an active user with items, an
/// active user with none but a custom role (support: reads every item and account, changes none), and an inactive
/// user whose items still exist.
/// </summary>
internal static class SampleData
{
    /// <summary>Every sample user's password; sample data is seeded in Development only.</summary>
    public const string Password = "sample-password";

    public static readonly IReadOnlyList<SampleUser> Users =
    [
        new("alice@example.com", "Alice Example", IsActive: true,
            [new("Alice's shopping list", "Milk, eggs, coffee"), new("Alice's reading list", null)]),
        new("bob@example.com", "Bob Example (support)", IsActive: true, [], HasSampleRole: true),
        new("carol@example.com", "Carol Example (inactive)", IsActive: false,
            [new("Carol's archived notes", "Kept after Carol was deactivated")]),
    ];

    /// <summary>The sample custom role, given to one sample user.</summary>
    public static readonly SampleRole Role = new("support", [ItemPermissions.ReadAny, UserPermissions.Read]);

    public static readonly IReadOnlyList<SampleItem> SuperuserItems =
    [
        new("Welcome to CleanApp", "Seeded for the first superuser"),
        new("Superusers see every item", "GET /api/v1/items lists everyone's items for a superuser"),
    ];
}

internal sealed record SampleUser(string Email, string FullName, bool IsActive, IReadOnlyList<SampleItem> Items, bool HasSampleRole = false);

internal sealed record SampleRole(string Name, IReadOnlyList<string> Permissions);

internal sealed record SampleItem(string Title, string? Description);
