namespace CleanApp.Application.Common.Security;

/// <summary>Marks a message anyone may send, authenticated or not.</summary>
public interface IAnonymousRequest;

/// <summary>Marks a message only a superuser may send.</summary>
public interface ISuperuserRequest;

// A message with neither marker needs an authenticated, active user. Owner-or-superuser rules depend on
// the resource, so the domain states them (Item.IsAccessibleTo) and handlers apply them after loading it.
