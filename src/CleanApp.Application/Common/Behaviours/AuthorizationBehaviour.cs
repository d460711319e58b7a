namespace CleanApp.Application.Common.Behaviours;

/// <summary>
/// The one place that decides who may send a message, by what its type declares (<see cref="AccessDeclaration"/>, read
/// once per type): anyone, any active signed-in user, or one holding a permission. Owner rules (a user's own items and
/// account) are the handlers', after loading the resource; a permission such as <c>items.read.any</c> widens them there.
/// </summary>
internal sealed class AuthorizationBehaviour<TMessage, TResponse>(ICurrentUser currentUser)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    private static readonly AccessDeclaration Declared = AccessDeclaration.Of(typeof(TMessage));

    public ValueTask<TResponse> Handle(
        TMessage message,
        MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken)
    {
        if (Declared.Access != Access.Anonymous)
        {
            var user = currentUser.Required();
            if (!user.IsActive)
            {
                throw new ForbiddenException(AccessMessages.InactiveUser);
            }

            if (Declared.Access == Access.Permission && !user.Has(Declared.Permission!))
            {
                throw new ForbiddenException(AccessMessages.NotEnoughPrivileges);
            }
        }

        return next(message, cancellationToken);
    }
}
