using CleanApp.Application.Auth;
using CleanApp.Application.Common;
using CleanApp.Application.Common.Abstractions;
using CleanApp.Application.Common.Errors;
using CleanApp.Application.Utils;
using CleanApp.Domain.Users;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace CleanApp.Application.UnitTests.Auth;

public class AuthHandlerTests
{
    private static readonly ApplicationSettings Settings = new("CleanApp", new Uri("https://app.example.com/"));

    private readonly Mock<IUserAccounts> accounts = new(MockBehavior.Strict);
    private readonly Mock<IAccessTokens> tokens = new(MockBehavior.Strict);
    private readonly Mock<IEmailSender> email = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static UserAccount Account(bool active = true) =>
        new(Guid.CreateVersion7(), "user@example.com", null, active, IsSuperuser: false, DateTimeOffset.UnixEpoch);

    private Task<AccessToken> LoginAsync(SignInCheck check)
    {
        accounts.Setup(a => a.CheckSignInAsync("user@example.com", "password", It.IsAny<CancellationToken>())).ReturnsAsync(check);
        return new LoginCommandHandler(accounts.Object, tokens.Object).Handle(new LoginCommand("user@example.com", "password"), Token).AsTask();
    }

    [Fact]
    public async Task A_good_sign_in_of_an_active_user_gets_a_token()
    {
        var account = Account();
        var token = new AccessToken("jwt", TimeSpan.FromHours(1));
        tokens.Setup(t => t.IssueAsync(account.Id, It.IsAny<CancellationToken>())).ReturnsAsync(token);

        Assert.Equal(token, await LoginAsync(new SignInCheck(SignInOutcome.Succeeded, account)));
    }

    [Fact]
    public async Task A_failed_sign_in_and_an_inactive_user_get_400_and_no_token()
    {
        var failed = await Assert.ThrowsAsync<BadRequestException>(() => LoginAsync(new SignInCheck(SignInOutcome.Failed)));
        var inactive = await Assert.ThrowsAsync<BadRequestException>(() => LoginAsync(new SignInCheck(SignInOutcome.Succeeded, Account(active: false))));

        Assert.Equal("Incorrect email or password", failed.Message);
        Assert.Equal("Inactive user", inactive.Message);
        tokens.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task A_locked_out_account_gets_429_with_the_time_to_wait()
    {
        var error = await Assert.ThrowsAsync<TooManyRequestsException>(() =>
            LoginAsync(new SignInCheck(SignInOutcome.LockedOut, RetryAfter: TimeSpan.FromMinutes(4))));

        Assert.Equal(TimeSpan.FromMinutes(4), error.RetryAfter);
    }

    private RecoverPasswordCommandHandler Recovery() =>
        new(accounts.Object, email.Object, Settings, NullLogger<RecoverPasswordCommandHandler>.Instance);

    [Fact]
    public async Task Recovery_mails_an_active_account_a_link_to_the_frontend_with_its_token()
    {
        var account = Account();
        accounts.Setup(a => a.FindByEmailAsync("user@example.com", It.IsAny<CancellationToken>())).ReturnsAsync(account);
        accounts.Setup(a => a.CreatePasswordResetTokenAsync(account.Id, It.IsAny<CancellationToken>())).ReturnsAsync("opaque-token");
        EmailMessage? sent = null;
        email.Setup(e => e.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>())).Callback<EmailMessage, CancellationToken>((m, _) => sent = m);

        var answer = await Recovery().Handle(new RecoverPasswordCommand("user@example.com"), Token);

        Assert.NotNull(sent);
        Assert.Equal("user@example.com", sent.To);
        Assert.Contains("https://app.example.com/reset-password?token=opaque-token", sent.Text, StringComparison.Ordinal);
        Assert.Contains("https://app.example.com/reset-password?token=opaque-token", sent.Html, StringComparison.Ordinal);
        Assert.Equal(RecoverPasswordCommandHandler.Answer, answer.Message);
    }

    [Fact]
    public async Task Recovery_for_an_unknown_or_inactive_account_sends_nothing_and_answers_the_same()
    {
        accounts.Setup(a => a.FindByEmailAsync("nobody@example.com", It.IsAny<CancellationToken>())).ReturnsAsync((UserAccount?)null);
        accounts.Setup(a => a.FindByEmailAsync("user@example.com", It.IsAny<CancellationToken>())).ReturnsAsync(Account(active: false));

        var unknown = await Recovery().Handle(new RecoverPasswordCommand("nobody@example.com"), Token);
        var inactive = await Recovery().Handle(new RecoverPasswordCommand("user@example.com"), Token);

        Assert.Equal(unknown, inactive);
        email.Verify(e => e.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task Recovery_answers_the_same_when_the_mail_server_fails()
    {
        var account = Account();
        accounts.Setup(a => a.FindByEmailAsync("user@example.com", It.IsAny<CancellationToken>())).ReturnsAsync(account);
        accounts.Setup(a => a.CreatePasswordResetTokenAsync(account.Id, It.IsAny<CancellationToken>())).ReturnsAsync("t");
        email.Setup(e => e.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>())).ThrowsAsync(new EmailDeliveryException("down"));

        var answer = await Recovery().Handle(new RecoverPasswordCommand("user@example.com"), Token);

        Assert.Equal(RecoverPasswordCommandHandler.Answer, answer.Message);
    }

    [Fact]
    public async Task A_reset_for_an_inactive_account_is_refused_before_the_password_changes()
    {
        accounts.Setup(a => a.FindByPasswordResetTokenAsync("t", It.IsAny<CancellationToken>())).ReturnsAsync(Account(active: false));

        var error = await Assert.ThrowsAsync<BadRequestException>(() =>
            new ResetPasswordCommandHandler(accounts.Object).Handle(new ResetPasswordCommand("t", "new-password"), Token).AsTask());

        Assert.Equal("Inactive user", error.Message);
        accounts.Verify(a => a.ResetPasswordAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task An_unknown_reset_token_is_invalid()
    {
        accounts.Setup(a => a.FindByPasswordResetTokenAsync("bad", It.IsAny<CancellationToken>())).ReturnsAsync((UserAccount?)null);

        var error = await Assert.ThrowsAsync<BadRequestException>(() =>
            new ResetPasswordCommandHandler(accounts.Object).Handle(new ResetPasswordCommand("bad", "new-password"), Token).AsTask());

        Assert.Equal("Invalid token", error.Message);
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
