using CleanApp.Web.Host;

// Everything is wired in Host/: the composition root (AppHost) and the run modes (serve, db verbs, OpenAPI build).
return await AppHost.RunAsync(args);

/// <summary>The entry point, visible to the functional tests' WebApplicationFactory.</summary>
public partial class Program;
