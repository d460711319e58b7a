using __SolutionName__.Domain.EntityPlural;

namespace __SolutionName__.Application.EntityPlural;

/// <summary>Creates an EntityName owned by the caller.</summary>
[SignedIn]
public sealed record CreateEntityNameCommand(string Name) : ICommand<EntityNameDto>;

internal sealed class CreateEntityNameCommandValidator : AbstractValidator<CreateEntityNameCommand>
{
    public CreateEntityNameCommandValidator() => RuleFor(c => c.Name).NotEmpty().MaximumLength(EntityName.NameMaxLength);
}

internal sealed class CreateEntityNameCommandHandler(IEntityNameRepository repository, IUnitOfWork unitOfWork, ICurrentUser currentUser)
    : ICommandHandler<CreateEntityNameCommand, EntityNameDto>
{
    public async ValueTask<EntityNameDto> Handle(CreateEntityNameCommand command, CancellationToken cancellationToken)
    {
        var entityVariable = EntityName.Create(currentUser.Required().Id, command.Name);
        repository.Add(entityVariable);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return entityVariable.ToDto();
    }
}
