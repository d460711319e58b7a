namespace CleanApp.Infrastructure.Persistence.Migrations;

/// <summary>
/// Marks a migration whose destructive or incompatible operations (a drop, a rename, a narrowing) were reviewed
/// and accepted, and says why. Without it, the migration guard (<c>db guard</c>, and a test in CI) refuses them.
/// Put it on the migration class of every provider, e.g.
/// <c>[AcceptedDestructiveChange("items.legacy_code was emptied and unused since v2.3 (expand/contract step 3)")]</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AcceptedDestructiveChangeAttribute(string reason) : Attribute
{
    public string Reason { get; } = reason;
}
