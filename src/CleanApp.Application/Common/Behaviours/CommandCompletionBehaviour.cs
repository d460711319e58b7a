namespace CleanApp.Application.Common.Behaviours;

/// <summary>
/// A command, once received, is carried out whether or not its caller waits for the answer: a browser that navigates
/// on right after sending a signup (the FastAPI template's frontend does) still gets its account, as the template's
/// backend gives it. Half a command is never what anyone wants; the database's own timeouts still bound it. Queries
/// stop when their caller goes away: nobody would read the answer.
/// </summary>
internal sealed class CommandCompletionBehaviour<TMessage, TResponse> : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public ValueTask<TResponse> Handle(
        TMessage message,
        MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken) =>
        next(message, message is IBaseCommand ? CancellationToken.None : cancellationToken);
}
