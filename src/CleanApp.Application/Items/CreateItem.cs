using CleanApp.Application.Common.Telemetry;
using CleanApp.Domain.Items;

namespace CleanApp.Application.Items;

[SignedIn]
public sealed record CreateItemCommand(string Title, string? Description) : ICommand<ItemDto>;

internal sealed class CreateItemCommandValidator : AbstractValidator<CreateItemCommand>
{
    public CreateItemCommandValidator()
    {
        RuleFor(c => c.Title).NotEmpty().MaximumLength(Item.TitleMaxLength);
        RuleFor(c => c.Description).MaximumLength(Item.DescriptionMaxLength);
    }
}

internal sealed class CreateItemCommandHandler(IItemRepository items, ICurrentUser currentUser, AppTelemetry telemetry)
    : ICommandHandler<CreateItemCommand, ItemDto>
{
    public async ValueTask<ItemDto> Handle(CreateItemCommand command, CancellationToken cancellationToken)
    {
        var item = Item.Create(currentUser.Required().Id, command.Title, command.Description);
        var created = await items.AddAsync(item, cancellationToken);
        telemetry.CountCreatedItem();
        return created;
    }
}
