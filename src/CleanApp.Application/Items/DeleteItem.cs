using CleanApp.Domain.Items;

namespace CleanApp.Application.Items;

[SignedIn]
public sealed record DeleteItemCommand(Guid Id) : ICommand;

internal sealed class DeleteItemCommandHandler(IItemRepository items, ICurrentUser currentUser)
    : ICommandHandler<DeleteItemCommand>
{
    public async ValueTask<Unit> Handle(DeleteItemCommand command, CancellationToken cancellationToken)
    {
        var owner = Item.OwnerScope(currentUser.Required(), ItemPermissions.WriteAny);
        if (!await items.DeleteAsync(command.Id, owner, cancellationToken))
        {
            throw await items.RefusalAsync(command.Id, currentUser, cancellationToken);
        }

        return Unit.Value;
    }
}
