using CleanApp.Domain.Users;

namespace CleanApp.Application.Common.Abstractions;

/// <summary>The caller of the current request, as the outer layer authenticated it; null when anonymous.</summary>
public interface ICurrentUser
{
    UserIdentity? User { get; }
}
