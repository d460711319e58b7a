namespace __SolutionName__.Application.EntityPlural;

/// <summary>Deletes an EntityName: the caller's own, or any for a superuser.</summary>
[SignedIn]
public sealed record DeleteEntityNameCommand(Guid Id) : ICommand<Confirmation>;

internal sealed class DeleteEntityNameCommandHandler(IEntityNameRepository repository, IUnitOfWork unitOfWork, ICurrentUser currentUser)
    : ICommandHandler<DeleteEntityNameCommand, Confirmation>
{
    public async ValueTask<Confirmation> Handle(DeleteEntityNameCommand command, CancellationToken cancellationToken)
    {
        var entityVariable = await repository.FindAccessibleAsync(command.Id, currentUser, EntityNamePermissions.WriteAny, cancellationToken);
        entityVariable.Delete();
        repository.Remove(entityVariable);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return new Confirmation("EntityName deleted successfully");
    }
}
