namespace CleanApp.Infrastructure.Configuration;

public static class SettingParser
{
    /// <summary>A true/false setting; anything else is refused with a message naming the setting.</summary>
    public static bool Boolean(string setting, string value) =>
        value.Trim().ToUpperInvariant() switch
        {
            "TRUE" or "1" or "YES" => true,
            "FALSE" or "0" or "NO" => false,
            _ => throw new InvalidSettingException(setting, $"'{value}' is not a boolean.", "Set it to true or false."),
        };
}
