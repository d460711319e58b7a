using CleanApp.Domain.Items;

namespace CleanApp.Application.Items;

/// <summary>A partial update: only the fields that are set change; setting the description to null clears it.</summary>
[SignedIn]
public sealed record UpdateItemCommand(Guid Id, Optional<string> Title, Optional<string?> Description) : ICommand<ItemDto>;

internal sealed class UpdateItemCommandValidator : AbstractValidator<UpdateItemCommand>
{
    public UpdateItemCommandValidator()
    {
        When(c => c.Title.HasValue, () =>
            RuleFor(c => c.Title.Value).NotEmpty().MaximumLength(Item.TitleMaxLength).OverridePropertyName(nameof(UpdateItemCommand.Title)));
        When(c => c.Description.HasValue, () =>
            RuleFor(c => c.Description.Value).MaximumLength(Item.DescriptionMaxLength).OverridePropertyName(nameof(UpdateItemCommand.Description)));
    }
}

internal sealed class UpdateItemCommandHandler(IItemRepository items, ICurrentUser currentUser)
    : ICommandHandler<UpdateItemCommand, ItemDto>
{
    public async ValueTask<ItemDto> Handle(UpdateItemCommand command, CancellationToken cancellationToken)
    {
        var edit = ItemEdit.None;
        if (command.Title.HasValue)
        {
            edit = edit.Renaming(command.Title.Value);
        }

        if (command.Description.HasValue)
        {
            edit = edit.Describing(command.Description.Value);
        }

        var owner = Item.OwnerScope(currentUser.Required(), ItemPermissions.WriteAny);
        return await items.EditAsync(command.Id, edit, owner, cancellationToken)
            ?? throw await items.RefusalAsync(command.Id, currentUser, cancellationToken);
    }
}
