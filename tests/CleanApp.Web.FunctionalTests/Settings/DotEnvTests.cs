using CleanApp.Infrastructure.Configuration;
using CleanApp.Web.Host.Configuration;
using Microsoft.Extensions.Configuration;

namespace CleanApp.Web.FunctionalTests.Settings;

public class DotEnvTests
{
    [Fact]
    public void Parses_the_forms_a_dotenv_file_uses()
    {
        var values = DotEnvFile.Parse(
        [
            "# a comment",
            "",
            "PLAIN=value",
            "export EXPORTED=yes",
            "SPACED = padded  ",
            "INLINE=value # comment",
            "DOUBLE=\"two words # not a comment\"",
            "ESCAPED=\"line\\nbreak \\\"quoted\\\"\"",
            "SINGLE='literal \\n $HOME'",
            "QUOTED_COMMENT='kept' # said after the quote",
            "EMPTY=",
            "Serilog__MinimumLevel__Default=Debug",
        ], ".env");

        Assert.Equal("value", values["PLAIN"]);
        Assert.Equal("yes", values["EXPORTED"]);
        Assert.Equal("padded", values["SPACED"]);
        Assert.Equal("value", values["INLINE"]);
        Assert.Equal("two words # not a comment", values["DOUBLE"]);
        Assert.Equal("line\nbreak \"quoted\"", values["ESCAPED"]);
        Assert.Equal("literal \\n $HOME", values["SINGLE"]);
        Assert.Equal("kept", values["QUOTED_COMMENT"]);
        Assert.Equal(string.Empty, values["EMPTY"]);
        Assert.Equal("Debug", values["Serilog__MinimumLevel__Default"]);
    }

    [Theory]
    [InlineData("NOT A SETTING")]
    [InlineData("QUOTED=\"never closed")]
    [InlineData("QUOTED='closed' then more")]
    public void A_line_it_cannot_read_is_refused_naming_the_file_and_line(string line)
    {
        var error = Assert.Throws<InvalidSettingException>(() => DotEnvFile.Parse(["OK=1", line], "/app/.env"));

        Assert.Equal("/app/.env line 2", error.Setting);
    }

    [Fact]
    public void Dotenv_values_override_appsettings_but_not_environment_variables()
    {
        var variable = "CLEANAPP_DOTENV_TEST_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, "from-environment");
        try
        {
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection([KeyValuePair.Create("FROM_APPSETTINGS", (string?)"appsettings"), KeyValuePair.Create(variable, (string?)"appsettings")])
                .AddEnvironmentVariables()
                .AddDotEnv(new Dictionary<string, string> { ["FROM_APPSETTINGS"] = "dotenv", [variable] = "dotenv", ["Section__Key"] = "nested" })
                .Build();

            Assert.Equal("dotenv", configuration["FROM_APPSETTINGS"]);
            Assert.Equal("from-environment", configuration[variable]);
            Assert.Equal("nested", configuration["Section:Key"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }
}
