using CleanApp.Domain.Users;

namespace CleanApp.Application.Common.Abstractions;

public static class CurrentUserExtensions
{
    /// <summary>The caller, for a handler behind the authorization behaviour; throws if there is none.</summary>
    public static UserIdentity Required(this ICurrentUser currentUser) =>
        currentUser.User ?? throw new UnauthenticatedException();
}
