using CleanApp.Application.Common.Telemetry;
using CleanApp.Application.Common;
using CleanApp.Application.Common.Abstractions;
using CleanApp.Application.Common.Errors;
using CleanApp.Application.Common.Paging;
using CleanApp.Application.Items;
using CleanApp.Domain.Items;
using CleanApp.Domain.Users;
using Moq;

namespace CleanApp.Application.UnitTests.Items;

public class ItemHandlerTests
{
    private static readonly UserIdentity Alice = new(Guid.CreateVersion7(), IsSuperuser: false);
    private static readonly UserIdentity Bob = new(Guid.CreateVersion7(), IsSuperuser: false);
    private static readonly UserIdentity Admin = new(Guid.CreateVersion7(), IsSuperuser: true);

    private readonly Mock<IItemRepository> items = new(MockBehavior.Strict);
    private readonly Mock<IItemQueries> lists = new(MockBehavior.Strict);
    private readonly Mock<IUnitOfWork> unitOfWork = new();
    private readonly Mock<ICurrentUser> currentUser = new();
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private void ActAs(UserIdentity user) => currentUser.Setup(c => c.User).Returns(user);

    private Item Stored(UserIdentity owner, string title = "Stored", string? description = "kept")
    {
        var item = Item.Create(owner.Id, title, description);
        items.Setup(r => r.FindAsync(item.Id, It.IsAny<CancellationToken>())).ReturnsAsync(item);
        return item;
    }

    [Fact]
    public async Task Create_adds_an_item_owned_by_the_caller_and_saves_it()
    {
        ActAs(Alice);
        Item? added = null;
        items.Setup(r => r.Add(It.IsAny<Item>())).Callback<Item>(i => added = i);
        var handler = new CreateItemCommandHandler(items.Object, unitOfWork.Object, currentUser.Object, new AppTelemetry());

        var dto = await handler.Handle(new CreateItemCommand("Groceries", "Milk"), Token);

        Assert.NotNull(added);
        Assert.Equal(Alice.Id, added.OwnerId);
        Assert.Equal(new ItemDto(added.Id, "Groceries", "Milk", Alice.Id, added.CreatedAt, added.CreatedBy, added.UpdatedAt, added.UpdatedBy, added.Version), dto);
        unitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task List_shows_a_user_only_their_own_items_and_returns_the_total_count()
    {
        ActAs(Alice);
        var mine = new ItemDto(Guid.CreateVersion7(), "Mine", null, Alice.Id, DateTimeOffset.UtcNow, Alice.Id, DateTimeOffset.UtcNow, Alice.Id, 1);
        lists.Setup(r => r.ListAsync(Alice.Id, new PageRequest(5, 10, null), It.IsAny<CancellationToken>())).ReturnsAsync(new Page<ItemDto>([mine], 42));
        var handler = new ListItemsQueryHandler(lists.Object, currentUser.Object);

        var page = await handler.Handle(new ListItemsQuery(Skip: 5, Limit: 10), Token);

        Assert.Equal(42, page.Count);
        Assert.Equal([mine.Id], page.Data.Select(i => i.Id));
    }

    [Fact]
    public async Task List_shows_a_superuser_everyones_items()
    {
        ActAs(Admin);
        lists.Setup(r => r.ListAsync(null, new PageRequest(0, 100, null), It.IsAny<CancellationToken>())).ReturnsAsync(new Page<ItemDto>([], 0));
        var handler = new ListItemsQueryHandler(lists.Object, currentUser.Object);

        var page = await handler.Handle(new ListItemsQuery(), Token);

        Assert.Equal(0, page.Count);
        lists.Verify(r => r.ListAsync(null, new PageRequest(0, 100, null), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Get_returns_the_owners_item_and_lets_a_superuser_read_it_too()
    {
        var item = Stored(Alice);
        var handler = new GetItemQueryHandler(items.Object, currentUser.Object);

        ActAs(Alice);
        Assert.Equal(item.Id, (await handler.Handle(new GetItemQuery(item.Id), Token)).Id);
        ActAs(Admin);
        Assert.Equal(item.Id, (await handler.Handle(new GetItemQuery(item.Id), Token)).Id);
    }

    [Fact]
    public async Task Get_answers_another_users_item_exactly_like_a_missing_one()
    {
        var item = Stored(Alice);
        var missing = Guid.CreateVersion7();
        items.Setup(r => r.FindAsync(missing, It.IsAny<CancellationToken>())).ReturnsAsync((Item?)null);
        var handler = new GetItemQueryHandler(items.Object, currentUser.Object);
        ActAs(Bob);

        var foreign = await Assert.ThrowsAsync<NotFoundException>(() => handler.Handle(new GetItemQuery(item.Id), Token).AsTask());
        var absent = await Assert.ThrowsAsync<NotFoundException>(() => handler.Handle(new GetItemQuery(missing), Token).AsTask());

        Assert.Equal("Item not found", foreign.Message);
        Assert.Equal(absent.Message, foreign.Message);
    }

    [Fact]
    public async Task Update_changes_only_the_fields_that_are_set()
    {
        var item = Stored(Alice, "Title", "Description");
        var handler = new UpdateItemCommandHandler(items.Object, unitOfWork.Object, currentUser.Object);
        ActAs(Alice);

        var renamed = await handler.Handle(new UpdateItemCommand(item.Id, new Optional<string>("Renamed"), default), Token);
        Assert.Equal(("Renamed", "Description"), (renamed.Title, renamed.Description));

        var cleared = await handler.Handle(new UpdateItemCommand(item.Id, default, new Optional<string?>(null)), Token);
        Assert.Equal(("Renamed", (string?)null), (cleared.Title, cleared.Description));
        unitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Fact]
    public async Task Update_of_another_users_item_is_not_found_and_saves_nothing()
    {
        var item = Stored(Alice);
        var handler = new UpdateItemCommandHandler(items.Object, unitOfWork.Object, currentUser.Object);
        ActAs(Bob);

        await Assert.ThrowsAsync<NotFoundException>(() =>
            handler.Handle(new UpdateItemCommand(item.Id, new Optional<string>("Hijacked"), default), Token).AsTask());

        Assert.Equal("Stored", item.Title);
        unitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task Delete_removes_the_owners_item_and_lets_a_superuser_delete_any()
    {
        var handler = new DeleteItemCommandHandler(items.Object, unitOfWork.Object, currentUser.Object);
        items.Setup(r => r.Remove(It.IsAny<Item>()));
        var alices = Stored(Alice);
        var bobs = Stored(Bob);

        ActAs(Alice);
        await handler.Handle(new DeleteItemCommand(alices.Id), Token);
        ActAs(Admin);
        await handler.Handle(new DeleteItemCommand(bobs.Id), Token);

        items.Verify(r => r.Remove(alices), Times.Once);
        items.Verify(r => r.Remove(bobs), Times.Once);
        unitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Fact]
    public async Task Delete_of_another_users_item_is_not_found_and_removes_nothing()
    {
        var item = Stored(Alice);
        var handler = new DeleteItemCommandHandler(items.Object, unitOfWork.Object, currentUser.Object);
        ActAs(Bob);

        await Assert.ThrowsAsync<NotFoundException>(() => handler.Handle(new DeleteItemCommand(item.Id), Token).AsTask());

        items.Verify(r => r.Remove(It.IsAny<Item>()), Times.Never);
        unitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Never);
    }
}
