using CleanApp.Domain.Common;
using CleanApp.Domain.Items;
using CleanApp.Domain.Users;

namespace CleanApp.Domain.UnitTests;

public class ItemTests
{
    private static readonly Guid Owner = Guid.CreateVersion7();

    [Fact]
    public void Create_keeps_owner_title_and_description()
    {
        var item = Item.Create(Owner, "Groceries", "Milk");
        var bare = Item.Create(Owner, "Books", null);

        Assert.Equal((Owner, "Groceries", "Milk"), (item.OwnerId, item.Title, item.Description));
        Assert.Null(bare.Description);
    }

    [Fact]
    public void Ids_are_version_7_uuids_that_lead_with_their_creation_time()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var id = Item.Create(Owner, "t", null).Id;
        var after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        // The first 48 bits are the Unix time in milliseconds, so ids sort by creation time (to the millisecond).
        var embedded = Convert.ToInt64(id.ToString("N")[..12], 16);
        Assert.Equal(7, id.Version);
        Assert.InRange(embedded, before, after);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Create_refuses_a_blank_title(string title)
    {
        var error = Assert.Throws<DomainException>(() => Item.Create(Owner, title, null));
        Assert.Equal(nameof(Item.Title), error.Field);
    }

    [Fact]
    public void Title_may_have_255_characters_but_not_256()
    {
        Assert.Equal(255, Item.Create(Owner, new string('t', 255), null).Title.Length);
        var error = Assert.Throws<DomainException>(() => Item.Create(Owner, new string('t', 256), null));
        Assert.Equal(nameof(Item.Title), error.Field);
    }

    [Fact]
    public void Description_may_have_255_characters_but_not_256()
    {
        Assert.Equal(255, Item.Create(Owner, "t", new string('d', 255)).Description!.Length);
        var error = Assert.Throws<DomainException>(() => Item.Create(Owner, "t", new string('d', 256)));
        Assert.Equal(nameof(Item.Description), error.Field);
    }

    [Fact]
    public void Create_refuses_an_item_without_owner()
    {
        var error = Assert.Throws<DomainException>(() => Item.Create(Guid.Empty, "t", null));
        Assert.Equal(nameof(Item.OwnerId), error.Field);
    }

    [Fact]
    public void Rename_and_describe_obey_the_same_limits_and_leave_the_item_unchanged_when_refused()
    {
        var item = Item.Create(Owner, "Old", "Old description");

        Assert.Throws<DomainException>(() => item.Rename(" "));
        Assert.Throws<DomainException>(() => item.Describe(new string('d', 256)));
        Assert.Equal("Old", item.Title);
        Assert.Equal("Old description", item.Description);

        item.Rename("New");
        item.Describe(null);
        Assert.Equal("New", item.Title);
        Assert.Null(item.Description);
    }

    [Fact]
    public void The_owner_a_superuser_or_a_holder_of_the_widening_permission_may_access_an_item()
    {
        var item = Item.Create(Owner, "Mine", null);
        const string readAny = "items.read.any";

        Assert.True(item.IsAccessibleTo(new UserIdentity(Owner, IsSuperuser: false), readAny));
        Assert.True(item.IsAccessibleTo(new UserIdentity(Guid.CreateVersion7(), IsSuperuser: true), readAny));
        Assert.True(item.IsAccessibleTo(new UserIdentity(Guid.CreateVersion7(), IsSuperuser: false, Permissions: [readAny]), readAny));
        Assert.False(item.IsAccessibleTo(new UserIdentity(Guid.CreateVersion7(), IsSuperuser: false, Permissions: [readAny]), "items.write.any"));
        Assert.False(item.IsAccessibleTo(new UserIdentity(Guid.CreateVersion7(), IsSuperuser: false), readAny));
    }
}
