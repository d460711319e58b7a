using CleanApp.Domain.Users;

namespace CleanApp.Application.Common.Abstractions;

/// <summary>
/// The caller of the current request, as the outer layer authenticated it; null when anonymous. Registered as a
/// singleton (the pipeline's authorization behaviour is one): an implementation reads the ambient request (the web
/// host: <c>IHttpContextAccessor</c>), it does not hold a caller of its own.
/// </summary>
public interface ICurrentUser
{
    UserIdentity? User { get; }
}
