using CleanApp.Application.Common.Telemetry;
using CleanApp.Application.Auth;
using CleanApp.Application.Common;
using CleanApp.Application.Common.Abstractions;
using CleanApp.Application.Common.Errors;
using CleanApp.Application.Common.Events;
using CleanApp.Application.Utils;
using CleanApp.Domain.Users;
using CleanApp.Application.UnitTests.Common;
using Moq;

namespace CleanApp.Application.UnitTests.Auth;

public class AuthHandlerTests
{
    private static readonly ApplicationSettings Settings = new("CleanApp", new Uri("https://app.example.com/"));

    private readonly Mock<ICredentials> credentials = new(MockBehavior.Strict);
    private readonly Mock<IAccessTokens> tokens = new(MockBehavior.Strict);
    private readonly Mock<ISessionRepository> sessions = new(MockBehavior.Strict);
    private readonly Mock<IUnitOfWork> unitOfWork = new();
    private readonly Mock<ITokenUsers> tokenUsers = new(MockBehavior.Strict);
    private static readonly SessionClient Client = new("test-agent", "192.0.2.1");
    private readonly Mock<IEmailSender> sender = new(MockBehavior.Strict);
    private readonly Mock<IEmailSender> email = new();
    private readonly Mock<IOutbox> outbox = new(MockBehavior.Strict);
    private readonly InMemoryThrottles throttles = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static UserAccount Account(bool active = true) =>
        new(Guid.CreateVersion7(), "user@example.com", null, active, IsSuperuser: false, EmailVerified: false, MfaEnabled: false, DateTimeOffset.UnixEpoch, null, DateTimeOffset.UnixEpoch, null, 1);

    private Task<SignedIn> LoginAsync(CredentialCheck check)
    {
        credentials.Setup(c => c.SignInAsync("user@example.com", "password", It.IsAny<CancellationToken>())).ReturnsAsync(check);
        return LoginAsync(Client);
    }

    private Task<SignedIn> LoginAsync(SessionClient client, EmailVerification verification = EmailVerification.Off) =>
        new LoginCommandHandler(
                credentials.Object, new PasswordGuesses(throttles, TimeProvider.System, new AppTelemetry()), sessions.Object, unitOfWork.Object, tokens.Object,
                new AppTelemetry(), new ApplicationSettings("CleanApp", new Uri("http://frontend.test/")) { EmailVerification = verification }, Mock.Of<CleanApp.Application.Mfa.IMfaTokens>())
            .Handle(new LoginCommand("user@example.com", "password", client), Token).AsTask();

    [Fact]
    public async Task A_good_sign_in_of_an_active_user_starts_a_session_and_gets_its_token()
    {
        var account = Account();
        var session = new StartedSession(Guid.CreateVersion7(), "refresh", DateTimeOffset.UnixEpoch);
        var token = new AccessToken("jwt", TimeSpan.FromHours(1));
        sessions.Setup(s => s.Start(account.Id, Client)).Returns(session);
        tokens.Setup(t => t.IssueAsync(account.Id, session.SessionId, It.IsAny<CancellationToken>())).ReturnsAsync(token);

        Assert.Equal(new SignedIn(token, session), await LoginAsync(new CredentialCheck(CredentialOutcome.Succeeded, account)));
        unitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Once); // the session is saved
    }

    [Fact]
    public async Task A_refresh_token_used_twice_is_invalid_grant_and_an_inactive_users_refresh_gets_no_token()
    {
        var userId = Guid.CreateVersion7();
        var next = new StartedSession(Guid.CreateVersion7(), "next", DateTimeOffset.UnixEpoch);
        sessions.Setup(s => s.RefreshAsync("spent", Client, It.IsAny<CancellationToken>())).ReturnsAsync(new RefreshResult(RefreshOutcome.Reused));
        sessions.Setup(s => s.RefreshAsync("good", Client, It.IsAny<CancellationToken>())).ReturnsAsync(new RefreshResult(RefreshOutcome.Refreshed, userId, next));
        tokenUsers.Setup(u => u.FindAsync(userId, next.SessionId, It.IsAny<CancellationToken>())).ReturnsAsync(new TokenUser(IsActive: false, IsSuperuser: false, SessionIsLive: true, Roles: [], Permissions: []));
        var handler = new RefreshSessionCommandHandler(sessions.Object, tokenUsers.Object, tokens.Object);

        var reused = await Assert.ThrowsAsync<InvalidGrantException>(() => handler.Handle(new RefreshSessionCommand("spent", Client), Token).AsTask());
        var inactive = await Assert.ThrowsAsync<InvalidGrantException>(() => handler.Handle(new RefreshSessionCommand("good", Client), Token).AsTask());

        Assert.Contains("revoked", reused.Message, StringComparison.Ordinal);
        Assert.Contains("Sign in again", inactive.Message, StringComparison.Ordinal);
        tokens.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task A_failed_sign_in_and_an_inactive_user_get_400_and_no_token()
    {
        var failed = await Assert.ThrowsAsync<BadRequestException>(() => LoginAsync(new CredentialCheck(CredentialOutcome.Failed)));
        var inactive = await Assert.ThrowsAsync<BadRequestException>(() => LoginAsync(new CredentialCheck(CredentialOutcome.Succeeded, Account(active: false))));

        Assert.Equal("Incorrect email or password", failed.Message);
        Assert.Equal("Inactive user", inactive.Message);
        tokens.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task Where_verification_is_required_an_unverified_account_with_the_right_password_gets_400_and_no_session()
    {
        credentials.Setup(c => c.SignInAsync("user@example.com", "password", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new CredentialCheck(CredentialOutcome.Succeeded, Account()));

        var refused = await Assert.ThrowsAsync<BadRequestException>(() => LoginAsync(Client, EmailVerification.Required));

        Assert.Equal("Email not verified", refused.Message);
        sessions.Verify(s => s.Start(It.IsAny<Guid>(), It.IsAny<SessionClient>()), Times.Never);
        tokens.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task The_fifth_wrong_password_from_a_client_gets_429_with_the_time_to_wait_and_another_client_is_not_locked_out()
    {
        for (var attempt = 1; attempt < PasswordGuesses.MaxFailures; attempt++)
        {
            await Assert.ThrowsAsync<BadRequestException>(() => LoginAsync(new CredentialCheck(CredentialOutcome.Failed)));
        }

        var fifth = await Assert.ThrowsAsync<TooManyRequestsException>(() => LoginAsync(new CredentialCheck(CredentialOutcome.Failed)));
        var account = Account();
        credentials.Setup(c => c.SignInAsync("user@example.com", "password", It.IsAny<CancellationToken>())).ReturnsAsync(new CredentialCheck(CredentialOutcome.Succeeded, account));
        var stillLocked = await Assert.ThrowsAsync<TooManyRequestsException>(() => LoginAsync(Client));
        var session = new StartedSession(Guid.CreateVersion7(), "refresh", DateTimeOffset.UnixEpoch);
        var owner = new SessionClient("owner-agent", "198.51.100.7");
        sessions.Setup(s => s.Start(account.Id, owner)).Returns(session);
        tokens.Setup(t => t.IssueAsync(account.Id, session.SessionId, It.IsAny<CancellationToken>())).ReturnsAsync(new AccessToken("jwt", TimeSpan.FromHours(1)));

        Assert.InRange(fifth.RetryAfter!.Value, TimeSpan.FromMinutes(4), PasswordGuesses.LockFor);
        Assert.InRange(stillLocked.RetryAfter!.Value, TimeSpan.FromMinutes(4), PasswordGuesses.LockFor);
        Assert.Equal("jwt", (await LoginAsync(owner)).Access.Token);
    }

    private RecoverPasswordCommandHandler Recovery() => new(throttles, outbox.Object, Settings);

    [Fact]
    public async Task Recovery_records_the_request_for_any_email_without_looking_it_up_and_once_per_address_per_cooldown()
    {
        var recorded = new List<string>();
        outbox.Setup(o => o.RecordAsync(It.IsAny<PasswordRecoveryRequested>(), It.IsAny<CancellationToken>()))
            .Callback<Domain.Common.IDomainEvent, CancellationToken>((e, _) => recorded.Add(((PasswordRecoveryRequested)e).Email)).Returns(Task.CompletedTask);

        var unknown = await Recovery().Handle(new RecoverPasswordCommand("nobody@example.com"), Token);
        var known = await Recovery().Handle(new RecoverPasswordCommand("USER@example.com"), Token);
        var again = await Recovery().Handle(new RecoverPasswordCommand("user@EXAMPLE.com"), Token);

        Assert.Equal(unknown, known);
        Assert.Equal(known, again);
        Assert.Equal(RecoverPasswordCommandHandler.Answer, known.Message);
        Assert.Equal(["nobody@example.com", "USER@example.com"], recorded);
        credentials.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task The_reset_mail_goes_to_the_account_with_a_link_to_the_frontend_carrying_a_token_made_when_it_is_sent()
    {
        var account = Account();
        credentials.Setup(c => c.CreatePasswordResetAsync("USER@example.com", It.IsAny<CancellationToken>())).ReturnsAsync(new PasswordReset(account, "opaque-token"));
        EmailMessage? sent = null;
        sender.Setup(s => s.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>())).Callback<EmailMessage, CancellationToken>((m, _) => sent = m).Returns(Task.CompletedTask);

        await new SendPasswordResetMail(credentials.Object, sender.Object, Settings)
            .HandleAsync(new PasswordRecoveryRequested("USER@example.com"), new EventDelivery(Guid.CreateVersion7(), 1), Token);

        Assert.NotNull(sent);
        Assert.Equal("user@example.com", sent.To);
        Assert.Contains("https://app.example.com/reset-password?token=opaque-token", sent.Text, StringComparison.Ordinal);
        Assert.Contains("https://app.example.com/reset-password?token=opaque-token", sent.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_reset_mail_goes_to_an_address_without_an_active_account()
    {
        credentials.Setup(c => c.CreatePasswordResetAsync("gone@example.com", It.IsAny<CancellationToken>())).ReturnsAsync((PasswordReset?)null);

        await new SendPasswordResetMail(credentials.Object, sender.Object, Settings)
            .HandleAsync(new PasswordRecoveryRequested("gone@example.com"), new EventDelivery(Guid.CreateVersion7(), 1), Token);

        sender.Verify(s => s.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Theory]
    [InlineData(PasswordResetOutcome.InvalidToken, "Invalid token")]
    [InlineData(PasswordResetOutcome.InactiveUser, "Inactive user")]
    public async Task A_refused_reset_is_a_400_saying_why(PasswordResetOutcome outcome, string message)
    {
        credentials.Setup(c => c.ResetPasswordAsync("t", "new-password", It.IsAny<CancellationToken>())).ReturnsAsync(new PasswordResetResult(outcome, Guid.CreateVersion7()));

        var error = await Assert.ThrowsAsync<BadRequestException>(() =>
            new ResetPasswordCommandHandler(credentials.Object, sessions.Object, unitOfWork.Object).Handle(new ResetPasswordCommand("t", "new-password"), Token).AsTask());

        Assert.Equal(message, error.Message);
        sessions.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task A_reset_revokes_every_session_of_the_account()
    {
        var userId = Guid.CreateVersion7();
        credentials.Setup(c => c.ResetPasswordAsync("t", "new-password", It.IsAny<CancellationToken>())).ReturnsAsync(new PasswordResetResult(PasswordResetOutcome.Reset, userId));
        sessions.Setup(s => s.RevokeAllAsync(userId, null, It.IsAny<CancellationToken>())).ReturnsAsync(2);

        await new ResetPasswordCommandHandler(credentials.Object, sessions.Object, unitOfWork.Object).Handle(new ResetPasswordCommand("t", "new-password"), Token);

        sessions.Verify(s => s.RevokeAllAsync(userId, null, It.IsAny<CancellationToken>()), Times.Once);
        unitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task The_test_email_is_503_without_a_mail_server_and_when_delivery_fails()
    {
        var handler = new SendTestEmailCommandHandler(email.Object, Settings);
        email.Setup(e => e.IsConfigured).Returns(false);
        var notConfigured = await Assert.ThrowsAsync<UnavailableException>(() => handler.Handle(new SendTestEmailCommand("ops@example.com"), Token).AsTask());

        email.Setup(e => e.IsConfigured).Returns(true);
        email.Setup(e => e.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>())).ThrowsAsync(new EmailDeliveryException("refused"));
        var failed = await Assert.ThrowsAsync<UnavailableException>(() => handler.Handle(new SendTestEmailCommand("ops@example.com"), Token).AsTask());

        Assert.Contains("SMTP_HOST", notConfigured.Message, StringComparison.Ordinal);
        Assert.Contains("refused", failed.Message, StringComparison.Ordinal);
    }
}
