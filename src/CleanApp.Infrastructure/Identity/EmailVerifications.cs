using System.Text.Json;
using CleanApp.Application.Auth;
using CleanApp.Infrastructure.Persistence;
using static CleanApp.Infrastructure.Identity.IdentityResults;

namespace CleanApp.Infrastructure.Identity;

/// <summary>
/// Verification links on Identity's stores: the token's hash in its user tokens (with the address it was made for and
/// its end), the result in its <c>EmailConfirmed</c>. Not Identity's email confirmation token: that one is checked
/// against the system clock rather than the app's <see cref="TimeProvider"/>, is not bound to the address, and stays
/// valid after use; these are single-use and die with an email change.
/// </summary>
internal sealed class EmailVerifications(AppDbContext db, TimeProvider timeProvider) : IEmailVerifications
{
    private const string Prefix = "verify-email:";

    public async Task<EmailVerificationLink?> CreateAsync(Guid userId, DateTimeOffset validUntil, CancellationToken cancellationToken)
    {
        var user = await db.Users.Where(u => u.Id == userId).Select(u => new { u.Email, u.EmailConfirmed }).FirstOrDefaultAsync(cancellationToken);
        if (user is not { Email: { } email, EmailConfirmed: false })
        {
            return null;
        }

        var (token, hash) = MailedToken.Create(userId);
        db.UserTokens.Add(new IdentityUserToken<Guid>
        {
            UserId = userId,
            LoginProvider = Credentials.TokenProvider,
            Name = Prefix + hash,
            Value = JsonSerializer.Serialize(new VerificationRecord(email, validUntil.UtcTicks)),
        });
        return new EmailVerificationLink(email, token);
    }

    public async Task<Guid?> VerifyAsync(string token, CancellationToken cancellationToken)
    {
        if (!MailedToken.TryRead(token, out var userId, out var hash))
        {
            return null;
        }

        var tokens = await db.UserTokens
            .Where(t => t.UserId == userId && t.LoginProvider == Credentials.TokenProvider && t.Name.StartsWith(Prefix))
            .ToListAsync(cancellationToken);
        var record = tokens.FirstOrDefault(t => t.Name == Prefix + hash)?.Value is { } value ? JsonSerializer.Deserialize<VerificationRecord>(value) : null;
        if (record is null || record.ValidUntilTicks <= timeProvider.GetUtcNow().UtcTicks
            || await db.Users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken) is not { } user
            || !string.Equals(user.Email, record.Email, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        db.UserTokens.RemoveRange(tokens); // every link of the account is spent: the address is proven
        user.EmailConfirmed = true;
        Touch(user);
        return userId;
    }

    private sealed record VerificationRecord(string Email, long ValidUntilTicks);
}
