using Microsoft.Data.Sqlite;

namespace CleanApp.Infrastructure.Persistence.Sqlite;

/// <summary>SQLite's errors, told apart (<see cref="DatabaseErrors"/>): busy and locked pass; it stores any text.</summary>
internal sealed class SqliteErrors : DatabaseErrors
{
    private const int Busy = 5;
    private const int Locked = 6;
    private const int Constraint = 19;
    private const int ConstraintPrimaryKey = 1555;
    private const int ConstraintUnique = 2067;

    protected override bool IsPassing(Exception exception) => exception is SqliteException { SqliteErrorCode: Busy or Locked };

    protected override bool IsUnstorable(Exception exception) => false;

    protected override bool BreaksUniqueness(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: Constraint, SqliteExtendedErrorCode: ConstraintUnique or ConstraintPrimaryKey };
}
