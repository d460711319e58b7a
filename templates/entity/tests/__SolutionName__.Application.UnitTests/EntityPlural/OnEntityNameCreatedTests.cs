using __SolutionName__.Application.Common.Events;
using __SolutionName__.Application.EntityPlural;
using __SolutionName__.Domain.EntityPlural;
using Microsoft.Extensions.Logging;

namespace __SolutionName__.Application.UnitTests.EntityPlural;

/// <summary>The sample handler of EntityNameCreated. TODO: assert what your handler does instead.</summary>
public class OnEntityNameCreatedTests
{
    [Fact]
    public async Task It_says_which_EntityName_was_created()
    {
        var logger = new ListLogger();
        var created = new EntityNameCreated(Guid.CreateVersion7(), Guid.CreateVersion7());

        await new OnEntityNameCreated(logger).HandleAsync(created, new EventDelivery(Guid.CreateVersion7(), 1), TestContext.Current.CancellationToken);

        Assert.Equal($"EntityName {created.EntityNameId} of {created.OwnerId} was created", Assert.Single(logger.Lines));
    }

    private sealed class ListLogger : ILogger<OnEntityNameCreated>
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add(formatter(state, exception));
    }
}
