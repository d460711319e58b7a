namespace CleanApp.Application.Common;

/// <summary>
/// An answer that is one entity at one version (<see cref="Domain.Common.IAuditedEntity.Version"/>): the outer layer
/// sends the version as the answer's ETag and checks a request's If-Match and If-None-Match against it.
/// </summary>
public interface IVersionedAnswer
{
    int Version { get; }
}
