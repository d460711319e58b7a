using CleanApp.Domain.Users;

namespace CleanApp.Domain.UnitTests;

public class UserAccountTests
{
    private static UserAccount Account(bool emailVerified) =>
        new(Guid.CreateVersion7(), "someone@example.com", null, IsActive: true, IsSuperuser: false, emailVerified, MfaEnabled: false, DateTimeOffset.UnixEpoch, null, DateTimeOffset.UnixEpoch, null, 1);

    [Theory]
    [InlineData(EmailVerification.Off, false, true)]
    [InlineData(EmailVerification.Optional, false, true)]
    [InlineData(EmailVerification.Required, false, false)] // the only refusal
    [InlineData(EmailVerification.Required, true, true)]
    public void Only_required_verification_keeps_an_unverified_account_from_signing_in(EmailVerification verification, bool verified, bool maySignIn) =>
        Assert.Equal(maySignIn, Account(verified).MaySignIn(verification));
}
