using Npgsql;

namespace CleanApp.Infrastructure.Persistence.Postgres;

/// <summary>PostgreSQL's errors, told apart (<see cref="DatabaseErrors"/>).</summary>
internal sealed class PostgresErrors : DatabaseErrors
{
    // Npgsql marks as transient: I/O and socket errors, timeouts, and the server states of SQLSTATE classes 08
    // (connection), 53 (insufficient resources) and 57P0x (shutting down, cannot connect now).
    protected override bool IsPassing(Exception exception) => exception is NpgsqlException { IsTransient: true };

    // PostgreSQL's text cannot hold a NUL character; it refuses one with 22021 (character_not_in_repertoire), from a
    // body, a form, a query or a path alike.
    protected override bool IsUnstorable(Exception exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.CharacterNotInRepertoire or PostgresErrorCodes.UntranslatableCharacter };

    protected override bool BreaksUniqueness(Exception exception) => exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
}
