namespace CleanApp.Infrastructure.Persistence;

/// <summary>One migration applied or reverted by <c>db migrate</c>: when, and by which host. <c>db status</c> shows it.</summary>
public sealed class MigrationLogEntry
{
    public const string Up = "up";
    public const string Down = "down";

    public long Id { get; private set; }

    public required string MigrationId { get; init; }

    public required string Direction { get; init; }

    public required DateTimeOffset At { get; init; }

    public required string Host { get; init; }
}
