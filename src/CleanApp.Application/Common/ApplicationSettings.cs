namespace CleanApp.Application.Common;

/// <summary>The settings use cases need: the product's name and where its web frontend lives (for links in mail).</summary>
public sealed record ApplicationSettings(string ProjectName, Uri FrontendHost);
