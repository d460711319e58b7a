namespace CleanApp.Infrastructure.Configuration;

/// <summary>A setting is missing or wrong; the message names it and says how to fix it.</summary>
public sealed class InvalidSettingException(string setting, string problem, string fix)
    : Exception($"Setting {setting}: {problem} {fix}")
{
    public string Setting { get; } = setting;
}
