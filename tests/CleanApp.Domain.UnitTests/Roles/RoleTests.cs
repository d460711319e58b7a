using CleanApp.Domain.Common;
using CleanApp.Domain.Roles;

namespace CleanApp.Domain.UnitTests.Roles;

public class RoleTests
{
    [Fact]
    public void A_custom_role_keeps_each_permission_once_in_the_order_first_given()
    {
        var role = Role.Custom("helpdesk", ["users.read", "users.update", "users.read"]);

        Assert.Equal("helpdesk", role.Name);
        Assert.Equal(["users.read", "users.update"], role.Permissions);
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("Admin")]
    [InlineData("ADMIN")]
    public void No_custom_role_takes_the_built_in_name_in_any_case(string name)
    {
        Assert.True(Role.IsBuiltIn(name));
        Assert.Equal("Name", Assert.Throws<DomainException>(() => Role.Custom(name, [])).Field);
    }

    [Theory]
    [InlineData("Helpdesk")]
    [InlineData("1st-line")]
    [InlineData("help desk")]
    [InlineData("helpdesk\n")]
    [InlineData("")]
    public void A_role_name_is_a_lowercase_letter_then_letters_digits_dots_underscores_or_dashes(string name)
    {
        Assert.Throws<DomainException>(() => Role.Custom(name, []));
        Assert.Equal("first-line_2.eu", Role.Custom("first-line_2.eu", []).Name);
        Assert.Throws<DomainException>(() => Role.Custom("a" + new string('b', Role.NameMaxLength), []));
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    public void The_last_active_superuser_may_not_give_up_their_rights(int activeSuperusers, bool may) =>
        Assert.Equal(may, Role.MayGiveUpSuperuserRights(activeSuperusers));
}
