using CleanApp.Web.FunctionalTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CleanApp.Web.FunctionalTests.Operations;

public sealed partial class LoggerFactoryTests(ApiFixture api) : ApiTest<ApiFixture>(api)
{
    [Fact]
    public void A_category_gets_its_logger_once_and_what_it_logs_reaches_serilog()
    {
        // Framework services built per request (the bearer handler) ask the factory for their logger every time.
        var factory = Api.Factory.Services.GetRequiredService<ILoggerFactory>();
        var logger = factory.CreateLogger("CleanApp.Tests.Cached");

        Assert.Same(logger, factory.CreateLogger("CleanApp.Tests.Cached"));
        Assert.NotSame(logger, factory.CreateLogger("CleanApp.Tests.Other"));

        LogMarker(logger, 4711);
        Assert.Contains("Logged through the cached logger 4711", Api.Log.Messages);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Logged through the cached logger {Marker}")]
    private static partial void LogMarker(ILogger logger, int marker);
}
