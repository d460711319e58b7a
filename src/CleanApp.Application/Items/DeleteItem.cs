namespace CleanApp.Application.Items;

[SignedIn]
public sealed record DeleteItemCommand(Guid Id) : ICommand;

internal sealed class DeleteItemCommandHandler(IItemRepository items, IUnitOfWork unitOfWork, ICurrentUser currentUser)
    : ICommandHandler<DeleteItemCommand>
{
    public async ValueTask<Unit> Handle(DeleteItemCommand command, CancellationToken cancellationToken)
    {
        var item = await items.FindAccessibleAsync(command.Id, currentUser, ItemPermissions.WriteAny, cancellationToken);
        item.Delete();
        items.Remove(item);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
