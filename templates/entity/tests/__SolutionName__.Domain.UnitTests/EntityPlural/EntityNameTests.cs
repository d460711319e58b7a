using __SolutionName__.Domain.Common;
using __SolutionName__.Domain.EntityPlural;
using __SolutionName__.Domain.Users;

namespace __SolutionName__.Domain.UnitTests.EntityPlural;

/// <summary>EntityName's invariants. TODO: a test per rule you add to the entity.</summary>
public class EntityNameTests
{
    private static readonly Guid Owner = Guid.CreateVersion7();

    [Fact]
    public void Create_keeps_the_owner_and_the_name()
    {
        var entityVariable = EntityName.Create(Owner, "First");

        Assert.Equal((Owner, "First"), (entityVariable.OwnerId, entityVariable.Name));
    }

    [Fact]
    public void Creating_and_deleting_it_are_recorded_as_events()
    {
        var entityVariable = EntityName.Create(Owner, "First");
        entityVariable.Delete();

        Assert.Equal<object>(
            [new EntityNameCreated(entityVariable.Id, Owner), new EntityNameDeleted(entityVariable.Id, Owner)], [.. entityVariable.DomainEvents]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void A_blank_name_is_refused_on_create_and_on_rename(string name)
    {
        var entityVariable = EntityName.Create(Owner, "First");

        Assert.Equal("Name", Assert.Throws<DomainException>(() => EntityName.Create(Owner, name)).Field);
        Assert.Equal("Name", Assert.Throws<DomainException>(() => entityVariable.Rename(name)).Field);
        Assert.Equal("First", entityVariable.Name);
    }

    [Fact]
    public void A_name_longer_than_the_limit_is_refused()
    {
        Assert.Throws<DomainException>(() => EntityName.Create(Owner, new string('n', EntityName.NameMaxLength + 1)));
    }

    [Fact]
    public void Only_the_owner_superusers_and_holders_of_the_widening_permission_may_touch_it()
    {
        var entityVariable = EntityName.Create(Owner, "First");
        const string readAny = "entity-route.read.any";

        Assert.True(entityVariable.IsAccessibleTo(new UserIdentity(Owner, IsSuperuser: false), readAny));
        Assert.True(entityVariable.IsAccessibleTo(new UserIdentity(Guid.CreateVersion7(), IsSuperuser: true), readAny));
        Assert.True(entityVariable.IsAccessibleTo(new UserIdentity(Guid.CreateVersion7(), IsSuperuser: false, Permissions: [readAny]), readAny));
        Assert.False(entityVariable.IsAccessibleTo(new UserIdentity(Guid.CreateVersion7(), IsSuperuser: false, Permissions: [readAny]), "entity-route.write.any"));
        Assert.False(entityVariable.IsAccessibleTo(new UserIdentity(Guid.CreateVersion7(), IsSuperuser: false), readAny));
    }
}
