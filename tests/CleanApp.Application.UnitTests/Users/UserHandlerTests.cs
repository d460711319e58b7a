using CleanApp.Application.Common.Abstractions;
using CleanApp.Application.Common.Errors;
using CleanApp.Application.Common.Security;
using CleanApp.Application.Users;
using CleanApp.Domain.Users;
using CleanApp.Application.Auth;
using CleanApp.Application.Common.Telemetry;
using CleanApp.Application.UnitTests.Common;
using Moq;

namespace CleanApp.Application.UnitTests.Users;

public class UserHandlerTests
{
    private static readonly UserIdentity Alice = new(Guid.CreateVersion7(), IsSuperuser: false);
    private static readonly UserIdentity Admin = new(Guid.CreateVersion7(), IsSuperuser: true);

    private readonly Mock<IUserRepository> accounts = new(MockBehavior.Strict);
    private readonly Mock<ICredentials> credentials = new(MockBehavior.Strict);
    private readonly Mock<ISessionRepository> sessions = new();
    private readonly Mock<IUnitOfWork> unitOfWork = new();
    private readonly Mock<ICurrentUser> currentUser = new();
    private readonly Mock<IUserQueries> users = new();

    public UserHandlerTests() => users.Setup(r => r.GrantsAsync(It.IsAny<IReadOnlyCollection<Guid>>(), It.IsAny<CancellationToken>()))
        .ReturnsAsync(new Dictionary<Guid, GrantedRoles>());

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private void ActAs(UserIdentity user) => currentUser.Setup(c => c.User).Returns(user);

    private static PasswordGuesses Guesses() => new(new InMemoryThrottles(), TimeProvider.System, new AppTelemetry());

    private static UserAccount Account(Guid id, bool superuser = false) =>
        new(id, $"{id:N}@example.com", null, IsActive: true, superuser, EmailVerified: false, MfaEnabled: false, DateTimeOffset.UnixEpoch, null, DateTimeOffset.UnixEpoch, null, 1);

    [Fact]
    public async Task A_user_asking_for_another_id_is_refused_before_the_store_is_asked()
    {
        ActAs(Alice);
        var handler = new GetUserQueryHandler(accounts.Object, currentUser.Object);

        var error = await Assert.ThrowsAsync<ForbiddenException>(() => handler.Handle(new GetUserQuery(Guid.CreateVersion7()), Token).AsTask());

        Assert.Equal("The user doesn't have enough privileges", error.Message);
        accounts.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task A_superuser_asking_for_an_unknown_id_gets_not_found()
    {
        ActAs(Admin);
        var missing = Guid.CreateVersion7();
        accounts.Setup(a => a.FindWithRolesAsync(missing, It.IsAny<CancellationToken>())).ReturnsAsync((AccountWithRoles?)null);
        var handler = new GetUserQueryHandler(accounts.Object, currentUser.Object);

        var error = await Assert.ThrowsAsync<NotFoundException>(() => handler.Handle(new GetUserQuery(missing), Token).AsTask());

        Assert.Equal("User not found", error.Message);
    }

    [Fact]
    public async Task A_user_reads_their_own_account()
    {
        ActAs(Alice);
        accounts.Setup(a => a.FindWithRolesAsync(Alice.Id, It.IsAny<CancellationToken>())).ReturnsAsync(new AccountWithRoles(Account(Alice.Id), GrantedRoles.None));
        var handler = new GetUserQueryHandler(accounts.Object, currentUser.Object);

        var user = await handler.Handle(new GetUserQuery(Alice.Id), Token);

        Assert.Equal(Alice.Id, user.Id);
    }

    [Fact]
    public async Task A_superuser_cannot_delete_their_own_account_by_either_route()
    {
        ActAs(Admin);

        var me = await Assert.ThrowsAsync<ForbiddenException>(() =>
            new DeleteCurrentUserCommandHandler(accounts.Object, unitOfWork.Object, currentUser.Object).Handle(new DeleteCurrentUserCommand(), Token).AsTask());
        var byId = await Assert.ThrowsAsync<ForbiddenException>(() =>
            new DeleteUserCommandHandler(accounts.Object, unitOfWork.Object, currentUser.Object).Handle(new DeleteUserCommand(Admin.Id), Token).AsTask());

        Assert.Equal("Super users are not allowed to delete themselves", me.Message);
        Assert.Equal(me.Message, byId.Message);
        accounts.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task Deleting_an_unknown_account_is_not_found()
    {
        ActAs(Admin);
        var missing = Guid.CreateVersion7();
        accounts.Setup(a => a.RemoveAsync(missing, It.IsAny<CancellationToken>())).ReturnsAsync(false);

        await Assert.ThrowsAsync<NotFoundException>(() =>
            new DeleteUserCommandHandler(accounts.Object, unitOfWork.Object, currentUser.Object).Handle(new DeleteUserCommand(missing), Token).AsTask());
    }

    [Fact]
    public async Task A_normal_user_deletes_their_own_account()
    {
        ActAs(Alice);
        accounts.Setup(a => a.RemoveAsync(Alice.Id, It.IsAny<CancellationToken>())).ReturnsAsync(true);

        var result = await new DeleteCurrentUserCommandHandler(accounts.Object, unitOfWork.Object, currentUser.Object).Handle(new DeleteCurrentUserCommand(), Token);

        Assert.Equal("User deleted successfully", result.Message);
        accounts.Verify(a => a.RemoveAsync(Alice.Id, It.IsAny<CancellationToken>()), Times.Once);
        unitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Signup_always_asks_the_store_for_an_active_normal_account_opened_by_its_owner()
    {
        NewUserAccount? asked = null;
        var id = Guid.CreateVersion7();
        accounts.Setup(a => a.AddAsync(It.IsAny<NewUserAccount>(), It.IsAny<CancellationToken>()))
            .Callback<NewUserAccount, CancellationToken>((account, _) => asked = account)
            .ReturnsAsync(id);
        accounts.Setup(a => a.FindAsync(id, It.IsAny<CancellationToken>())).ReturnsAsync(Account(id));

        await new SignupCommandHandler(accounts.Object, unitOfWork.Object).Handle(new SignupCommand("new@example.com", "new-password", "New"), Token);

        Assert.Equal(new NewUserAccount("new@example.com", "new-password", "New", IsActive: true, IsSuperuser: false, SignedUp: true), asked);
    }

    [Fact]
    public async Task A_new_password_equal_to_the_current_one_is_refused_without_touching_the_store()
    {
        ActAs(Alice);
        var handler = new ChangeCurrentUserPasswordCommandHandler(credentials.Object, Guesses(), sessions.Object, unitOfWork.Object, currentUser.Object);

        var error = await Assert.ThrowsAsync<BadRequestException>(() =>
            handler.Handle(new ChangeCurrentUserPasswordCommand("same-password", "same-password"), Token).AsTask());

        Assert.Equal("New password cannot be the same as the current one", error.Message);
        credentials.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task A_wrong_current_password_is_a_400_and_the_fifth_a_429_with_the_time_to_wait_even_for_the_right_one()
    {
        ActAs(Alice);
        credentials.Setup(c => c.ChangePasswordAsync(Alice.Id, "wrong", "next-password", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new CredentialCheck(CredentialOutcome.Failed));
        var handler = new ChangeCurrentUserPasswordCommandHandler(credentials.Object, Guesses(), sessions.Object, unitOfWork.Object, currentUser.Object);

        var wrong = await Assert.ThrowsAsync<BadRequestException>(() =>
            handler.Handle(new ChangeCurrentUserPasswordCommand("wrong", "next-password"), Token).AsTask());
        for (var attempt = 2; attempt < PasswordGuesses.MaxFailures; attempt++)
        {
            await Assert.ThrowsAsync<BadRequestException>(() => handler.Handle(new ChangeCurrentUserPasswordCommand("wrong", "next-password"), Token).AsTask());
        }

        var fifth = await Assert.ThrowsAsync<TooManyRequestsException>(() =>
            handler.Handle(new ChangeCurrentUserPasswordCommand("wrong", "next-password"), Token).AsTask());
        var locked = await Assert.ThrowsAsync<TooManyRequestsException>(() =>
            handler.Handle(new ChangeCurrentUserPasswordCommand("right", "next-password"), Token).AsTask());

        Assert.Equal("Incorrect password", wrong.Message);
        Assert.True(fifth.RetryAfter > TimeSpan.FromMinutes(4));
        Assert.True(locked.RetryAfter > TimeSpan.FromMinutes(4));
        credentials.Verify(c => c.ChangePasswordAsync(Alice.Id, "right", It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task A_password_change_revokes_every_other_session_of_the_user_and_keeps_the_current_one()
    {
        var current = Guid.CreateVersion7();
        ActAs(Alice with { SessionId = current });
        credentials.Setup(c => c.ChangePasswordAsync(Alice.Id, "right", "next-password", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new CredentialCheck(CredentialOutcome.Succeeded));

        await new ChangeCurrentUserPasswordCommandHandler(credentials.Object, Guesses(), sessions.Object, unitOfWork.Object, currentUser.Object)
            .Handle(new ChangeCurrentUserPasswordCommand("right", "next-password"), Token);

        sessions.Verify(s => s.RevokeAllAsync(Alice.Id, current, It.IsAny<CancellationToken>()), Times.Once);
        unitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Once);
    }

    [Theory]
    [InlineData(1, false, true, true)]
    [InlineData(1, true, false, true)]
    [InlineData(2, false, true, false)]
    [InlineData(1, true, true, false)]
    public async Task The_last_active_superuser_cannot_demote_or_deactivate_themselves(int activeSuperusers, bool superuser, bool active, bool refused)
    {
        ActAs(Admin);
        accounts.Setup(a => a.CountActiveSuperusersAsync(It.IsAny<CancellationToken>())).ReturnsAsync(activeSuperusers);
        accounts.Setup(a => a.UpdateAsync(Admin.Id, It.IsAny<UserAccountChanges>(), It.IsAny<CancellationToken>())).ReturnsAsync(new AccountUpdate(EmailChanged: false));
        accounts.Setup(a => a.FindAsync(Admin.Id, It.IsAny<CancellationToken>())).ReturnsAsync(Account(Admin.Id, superuser));
        var handler = new UpdateUserCommandHandler(accounts.Object, users.Object, sessions.Object, unitOfWork.Object, currentUser.Object);
        var command = new UpdateUserCommand(Admin.Id, IsSuperuser: new(superuser), IsActive: new(active));

        var error = await Record.ExceptionAsync(() => handler.Handle(command, Token).AsTask());

        Assert.Equal(refused, error is ConflictException);
        accounts.Verify(a => a.UpdateAsync(Admin.Id, It.IsAny<UserAccountChanges>(), It.IsAny<CancellationToken>()), refused ? Times.Never() : Times.Once());
    }

    [Fact]
    public async Task A_holder_of_users_read_reads_another_account_with_its_roles_and_permissions()
    {
        var support = new UserIdentity(Guid.CreateVersion7(), IsSuperuser: false, Permissions: ["users.read"]);
        ActAs(support);
        var other = Guid.CreateVersion7();
        accounts.Setup(a => a.FindWithRolesAsync(other, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new AccountWithRoles(Account(other), new(["support"], ["items.read.any", "no.longer-known"])));

        var user = await new GetUserQueryHandler(accounts.Object, currentUser.Object).Handle(new GetUserQuery(other), Token);

        Assert.Equal(["support"], user.Roles);
        Assert.Equal(["items.read.any"], user.Permissions); // a name the catalog no longer has is not a permission
    }

    [Fact]
    public async Task A_superuser_is_in_the_admin_role_and_holds_every_permission()
    {
        ActAs(Admin);
        accounts.Setup(a => a.FindWithRolesAsync(Admin.Id, It.IsAny<CancellationToken>())).ReturnsAsync(new AccountWithRoles(Account(Admin.Id, superuser: true), GrantedRoles.None));

        var user = await new GetUserQueryHandler(accounts.Object, currentUser.Object).Handle(new GetUserQuery(Admin.Id), Token);

        Assert.Equal(["admin"], user.Roles);
        Assert.Equal(PermissionCatalog.All.Select(p => p.Name), user.Permissions);
        Assert.Contains("roles.manage", user.Permissions);
    }

    [Theory]
    [InlineData(true, false, "", "Only a superuser")] // the target is a superuser
    [InlineData(false, true, "", "Only a superuser")] // the change would make one
    [InlineData(false, false, "roles.manage", "roles.manage")] // the target holds what the caller does not
    public async Task A_holder_of_users_update_reaches_no_account_beyond_its_own_permissions(bool targetIsSuperuser, bool makesSuperuser, string targetHolds, string refusal)
    {
        ActAs(new UserIdentity(Guid.CreateVersion7(), IsSuperuser: false, Permissions: ["users.update", "users.read"]));
        var target = Guid.CreateVersion7();
        string[] holds = targetHolds.Length == 0 ? ["users.read"] : ["users.read", targetHolds];
        accounts.Setup(a => a.FindWithRolesAsync(target, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new AccountWithRoles(Account(target, targetIsSuperuser), new(["some-role"], holds)));
        var handler = new UpdateUserCommandHandler(accounts.Object, users.Object, sessions.Object, unitOfWork.Object, currentUser.Object);

        var error = await Assert.ThrowsAsync<ForbiddenException>(() =>
            handler.Handle(new UpdateUserCommand(target, Password: new("a-new-password"), IsSuperuser: makesSuperuser ? new(true) : default), Token).AsTask());

        Assert.Contains(refusal, error.Message, StringComparison.Ordinal);
        accounts.Verify(a => a.UpdateAsync(It.IsAny<Guid>(), It.IsAny<UserAccountChanges>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task A_password_an_administrator_sets_and_the_sign_out_it_causes_are_one_save()
    {
        ActAs(Admin);
        var target = Guid.CreateVersion7();
        var revoked = false;
        accounts.Setup(a => a.UpdateAsync(target, It.IsAny<UserAccountChanges>(), It.IsAny<CancellationToken>())).ReturnsAsync(new AccountUpdate(EmailChanged: false));
        accounts.Setup(a => a.FindAsync(target, It.IsAny<CancellationToken>())).ReturnsAsync(Account(target));
        sessions.Setup(s => s.RevokeAllAsync(target, null, It.IsAny<CancellationToken>())).Callback(() => revoked = true).ReturnsAsync(2);
        unitOfWork.Setup(u => u.SaveChangesAsync(It.IsAny<CancellationToken>())).Callback(() => Assert.True(revoked, "the sessions are revoked in the account's save")).Returns(Task.CompletedTask);

        await new UpdateUserCommandHandler(accounts.Object, users.Object, sessions.Object, unitOfWork.Object, currentUser.Object)
            .Handle(new UpdateUserCommand(target, Password: new("a-new-password")), Token);

        unitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Once);
    }
}
