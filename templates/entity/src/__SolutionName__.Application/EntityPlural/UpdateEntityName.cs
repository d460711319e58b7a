using __SolutionName__.Domain.EntityPlural;

namespace __SolutionName__.Application.EntityPlural;

/// <summary>Renames an EntityName: the caller's own, or any for a superuser.</summary>
[SignedIn]
public sealed record UpdateEntityNameCommand(Guid Id, string Name) : ICommand<EntityNameDto>;

internal sealed class UpdateEntityNameCommandValidator : AbstractValidator<UpdateEntityNameCommand>
{
    public UpdateEntityNameCommandValidator() => RuleFor(c => c.Name).NotEmpty().MaximumLength(EntityName.NameMaxLength);
}

internal sealed class UpdateEntityNameCommandHandler(IEntityNameRepository repository, IUnitOfWork unitOfWork, ICurrentUser currentUser)
    : ICommandHandler<UpdateEntityNameCommand, EntityNameDto>
{
    public async ValueTask<EntityNameDto> Handle(UpdateEntityNameCommand command, CancellationToken cancellationToken)
    {
        var entityVariable = await repository.FindAccessibleAsync(command.Id, currentUser, EntityNamePermissions.WriteAny, cancellationToken);
        entityVariable.Rename(command.Name);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return entityVariable.ToDto();
    }
}
