using CleanApp.Domain.Users;

namespace CleanApp.Domain.UnitTests;

public class UserIdentityTests
{
    private static readonly Guid Someone = Guid.CreateVersion7();

    [Fact]
    public void An_actor_lacks_exactly_the_permissions_it_does_not_hold_and_a_superuser_lacks_none()
    {
        var helpdesk = new UserIdentity(Someone, IsSuperuser: false, Permissions: ["users.read", "users.update"]);
        var superuser = new UserIdentity(Someone, IsSuperuser: true);

        Assert.Equal(["roles.manage", "users.delete"], helpdesk.Lacking(["users.update", "users.delete", "roles.manage", "users.delete"]));
        Assert.Empty(helpdesk.Lacking(["users.read"]));
        Assert.Empty(superuser.Lacking(["roles.manage", "anything.at-all"]));
    }

    [Theory]
    [InlineData(false, new[] { "users.read" }, true)] // holds less: reachable
    [InlineData(false, new[] { "users.read", "users.update" }, true)] // holds the same
    [InlineData(false, new[] { "roles.manage" }, false)] // holds what the actor does not
    [InlineData(true, new string[0], false)] // a superuser's account: superusers only
    public void An_actor_reaches_an_account_only_when_it_holds_every_permission_the_account_holds(bool superuserAccount, string[] accountHolds, bool reaches)
    {
        var helpdesk = new UserIdentity(Someone, IsSuperuser: false, Permissions: ["users.read", "users.update"]);

        Assert.Equal(reaches, helpdesk.Reaches(superuserAccount, accountHolds));
        Assert.True(new UserIdentity(Someone, IsSuperuser: true).Reaches(superuserAccount, accountHolds));
    }
}
