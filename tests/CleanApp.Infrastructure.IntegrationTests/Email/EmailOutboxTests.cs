using System.Collections.Concurrent;
using CleanApp.Application.Common.Abstractions;
using CleanApp.Infrastructure.Email;
using CleanApp.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanApp.Infrastructure.IntegrationTests.Email;

/// <summary>The background mail queue: it keeps going whatever one message does, and says what it did not send.</summary>
public class EmailOutboxTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static EmailMessage Mail(string to) => new(to, "subject", "<p>html</p>", "text");

    [Fact]
    public async Task A_message_failing_in_an_unexpected_way_is_logged_and_the_next_one_is_still_sent()
    {
        var sender = new ScriptedSender { FailWith = { ["broken@example.com"] = new InvalidOperationException("not a delivery failure") } };
        var log = new ListLogger();
        using var outbox = new EmailOutbox(sender, Options.Create(new EmailOutboxOptions()), TimeProvider.System, log);
        await outbox.StartAsync(Token);

        outbox.Queue(Mail("broken@example.com"));
        outbox.Queue(Mail("fine@example.com"));

        await Eventually.TrueAsync(() => sender.Sent.Contains("fine@example.com"), "the second message");
        Assert.Contains(log.Messages, m => m.StartsWith("A queued message could not be sent", StringComparison.Ordinal));
        Assert.DoesNotContain(log.Messages, m => m.Contains("@example.com", StringComparison.Ordinal)); // no addresses in the log
        await outbox.StopAsync(Token);
    }

    [Fact]
    public async Task A_full_queue_refuses_with_a_log_line_and_one_recipient_waits_in_it_once()
    {
        var sender = new ScriptedSender { Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        var log = new ListLogger();
        using var outbox = new EmailOutbox(sender, Options.Create(new EmailOutboxOptions { Capacity = 1 }), TimeProvider.System, log);
        await outbox.StartAsync(Token);

        outbox.Queue(Mail("first@example.com")); // taken by the worker, which the sender holds
        await Eventually.TrueAsync(() => sender.Started.Contains("first@example.com"), "the first message to be taken");
        outbox.Queue(Mail("second@example.com")); // waits: the queue's one place
        outbox.Queue(Mail("SECOND@example.com")); // the same recipient is already waiting
        outbox.Queue(Mail("third@example.com")); // no place left
        sender.Hold.SetResult();

        await Eventually.TrueAsync(() => sender.Sent.Contains("second@example.com"), "the waiting message");
        Assert.Equal(["first@example.com", "second@example.com"], sender.Sent);
        Assert.Contains(log.Messages, m => m.StartsWith("A message to the same recipient is already waiting", StringComparison.Ordinal));
        Assert.Contains(log.Messages, m => m.StartsWith("The mail queue is full (1 messages)", StringComparison.Ordinal));
        await outbox.StopAsync(Token);
    }

    private sealed class ScriptedSender : IEmailSender
    {
        public Dictionary<string, Exception> FailWith { get; } = [];

        public TaskCompletionSource? Hold { get; init; }

        public ConcurrentQueue<string> Started { get; } = new();

        public ConcurrentQueue<string> Sent { get; } = new();

        public bool IsConfigured => true;

        public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
        {
            Started.Enqueue(message.To);
            if (Hold is not null)
            {
                await Hold.Task.WaitAsync(cancellationToken);
            }

            if (FailWith.TryGetValue(message.To, out var failure))
            {
                throw failure;
            }

            Sent.Enqueue(message.To);
        }
    }

    private sealed class ListLogger : ILogger<EmailOutbox>
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Messages.Enqueue(formatter(state, exception));
    }
}
