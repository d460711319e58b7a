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
    public async Task Create_stores_an_item_owned_by_the_caller_and_answers_it_as_stored()
    {
        ActAs(Alice);
        Item? added = null;
        var stored = new ItemDto(Guid.CreateVersion7(), "Groceries", "Milk", Alice.Id, DateTimeOffset.UtcNow, Alice.Id, DateTimeOffset.UtcNow, Alice.Id, 1);
        items.Setup(r => r.AddAsync(It.IsAny<Item>(), It.IsAny<CancellationToken>())).Callback<Item, CancellationToken>((i, _) => added = i).ReturnsAsync(stored);
        var handler = new CreateItemCommandHandler(items.Object, currentUser.Object, new AppTelemetry());

        var dto = await handler.Handle(new CreateItemCommand("Groceries", "Milk"), Token);

        Assert.NotNull(added);
        Assert.Equal((Alice.Id, "Groceries", "Milk"), (added.OwnerId, added.Title, added.Description));
        Assert.Single(added.DomainEvents.OfType<ItemCreated>());
        Assert.Same(stored, dto);
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
    public async Task Update_asks_the_store_for_only_the_fields_that_are_set_on_the_callers_items()
    {
        ActAs(Alice);
        var id = Guid.CreateVersion7();
        var saved = new ItemDto(id, "Renamed", null, Alice.Id, DateTimeOffset.UtcNow, Alice.Id, DateTimeOffset.UtcNow, Alice.Id, 2);
        ItemEdit? asked = null;
        items.Setup(r => r.EditAsync(id, It.IsAny<ItemEdit>(), Alice.Id, It.IsAny<CancellationToken>()))
            .Callback<Guid, ItemEdit, Guid?, CancellationToken>((_, e, _, _) => asked = e).ReturnsAsync(saved);
        var handler = new UpdateItemCommandHandler(items.Object, currentUser.Object);

        var answer = await handler.Handle(new UpdateItemCommand(id, new Optional<string>("Renamed"), default), Token);

        Assert.Same(saved, answer);
        Assert.Equal(ItemEdit.None.Renaming("Renamed"), asked);
        Assert.False(asked!.SetsDescription);

        await handler.Handle(new UpdateItemCommand(id, default, new Optional<string?>(null)), Token);
        Assert.Equal(ItemEdit.None.Describing(null), asked);
        Assert.Null(asked!.Title);
    }

    [Fact]
    public async Task A_superuser_edits_and_deletes_any_users_items()
    {
        ActAs(Admin);
        var id = Guid.CreateVersion7();
        items.Setup(r => r.EditAsync(id, It.IsAny<ItemEdit>(), null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ItemDto(id, "Any", null, Bob.Id, DateTimeOffset.UtcNow, Bob.Id, DateTimeOffset.UtcNow, Admin.Id, 2));
        items.Setup(r => r.DeleteAsync(id, null, It.IsAny<CancellationToken>())).ReturnsAsync(true);

        await new UpdateItemCommandHandler(items.Object, currentUser.Object).Handle(new UpdateItemCommand(id, new Optional<string>("Any"), default), Token);
        await new DeleteItemCommandHandler(items.Object, currentUser.Object).Handle(new DeleteItemCommand(id), Token);

        items.VerifyAll();
    }

    [Fact]
    public async Task Update_of_another_users_item_is_not_found()
    {
        var item = Stored(Alice);
        items.Setup(r => r.EditAsync(item.Id, It.IsAny<ItemEdit>(), Bob.Id, It.IsAny<CancellationToken>())).ReturnsAsync((ItemDto?)null);
        var handler = new UpdateItemCommandHandler(items.Object, currentUser.Object);
        ActAs(Bob);

        await Assert.ThrowsAsync<NotFoundException>(() =>
            handler.Handle(new UpdateItemCommand(item.Id, new Optional<string>("Hijacked"), default), Token).AsTask());
    }

    [Fact]
    public async Task An_edit_the_store_did_not_make_of_an_item_the_caller_may_edit_is_a_conflict()
    {
        var item = Stored(Alice);
        items.Setup(r => r.EditAsync(item.Id, It.IsAny<ItemEdit>(), Alice.Id, It.IsAny<CancellationToken>())).ReturnsAsync((ItemDto?)null);
        ActAs(Alice);

        await Assert.ThrowsAsync<EditConflictException>(() =>
            new UpdateItemCommandHandler(items.Object, currentUser.Object).Handle(new UpdateItemCommand(item.Id, new Optional<string>("Other"), default), Token).AsTask());
    }

    [Fact]
    public async Task Delete_removes_the_callers_item()
    {
        ActAs(Alice);
        var id = Guid.CreateVersion7();
        items.Setup(r => r.DeleteAsync(id, Alice.Id, It.IsAny<CancellationToken>())).ReturnsAsync(true);

        await new DeleteItemCommandHandler(items.Object, currentUser.Object).Handle(new DeleteItemCommand(id), Token);

        items.Verify(r => r.DeleteAsync(id, Alice.Id, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Delete_of_another_users_item_is_not_found()
    {
        var item = Stored(Alice);
        items.Setup(r => r.DeleteAsync(item.Id, Bob.Id, It.IsAny<CancellationToken>())).ReturnsAsync(false);
        var handler = new DeleteItemCommandHandler(items.Object, currentUser.Object);
        ActAs(Bob);

        await Assert.ThrowsAsync<NotFoundException>(() => handler.Handle(new DeleteItemCommand(item.Id), Token).AsTask());
    }

    [Fact]
    public async Task A_delete_that_lost_a_race_with_an_edit_is_a_conflict()
    {
        var item = Stored(Alice);
        items.Setup(r => r.DeleteAsync(item.Id, Alice.Id, It.IsAny<CancellationToken>())).ReturnsAsync(false);
        ActAs(Alice);

        await Assert.ThrowsAsync<EditConflictException>(() =>
            new DeleteItemCommandHandler(items.Object, currentUser.Object).Handle(new DeleteItemCommand(item.Id), Token).AsTask());
    }
}
