namespace CleanApp.Application.Common.Abstractions;

/// <summary>
/// What a failure of something the app depends on means for the request: a passing fault (the database
/// unreachable, restarting, too slow to answer) is worth a retry where that is safe and is a 503 to the client;
/// input the database cannot store is the client's mistake, a 400; anything else is a bug, a 500.
/// </summary>
public interface IFaultClassifier
{
    bool IsTransient(Exception exception);

    /// <summary>The database refused a value the client sent that it cannot store (a NUL character in text).</summary>
    bool IsUnstorableInput(Exception exception);
}
