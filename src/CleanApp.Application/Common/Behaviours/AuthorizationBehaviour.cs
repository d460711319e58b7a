using CleanApp.Application.Common.Abstractions;
using CleanApp.Application.Common.Errors;
using CleanApp.Application.Common.Security;
using Mediator;

namespace CleanApp.Application.Common.Behaviours;

/// <summary>
/// The one place that decides who may send a message: anyone (<see cref="IAnonymousRequest"/>), a superuser
/// (<see cref="ISuperuserRequest"/>), or, by default, any authenticated and active user.
/// </summary>
internal sealed class AuthorizationBehaviour<TMessage, TResponse>(ICurrentUser currentUser)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public ValueTask<TResponse> Handle(
        TMessage message,
        MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken)
    {
        if (message is not IAnonymousRequest)
        {
            var user = currentUser.Required();
            if (!user.IsActive)
            {
                throw new ForbiddenException(AccessMessages.InactiveUser);
            }

            if (message is ISuperuserRequest && !user.IsSuperuser)
            {
                throw new ForbiddenException(AccessMessages.NotEnoughPrivileges);
            }
        }

        return next(message, cancellationToken);
    }
}
