namespace CleanApp.Application.Common;

/// <summary>A plain confirmation, as <c>{ "message": "..." }</c>.</summary>
public sealed record Confirmation(string Message);
