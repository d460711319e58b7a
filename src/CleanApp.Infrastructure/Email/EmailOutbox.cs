using System.Collections.Concurrent;
using System.Threading.Channels;
using CleanApp.Application.Common.Abstractions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanApp.Infrastructure.Email;

/// <summary>How the background mail queue behaves.</summary>
public sealed class EmailOutboxOptions
{
    /// <summary>Messages waiting at most; past it a new one is dropped and logged (the rate limits keep it from filling).</summary>
    public int Capacity { get; set; } = 100;

    /// <summary>The waits before each retry of a failed delivery: three retries, over about a minute.</summary>
    public IReadOnlyList<TimeSpan> RetryDelays { get; set; } = [TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(45)];
}

/// <summary>
/// A bounded in-memory queue of mail, sent one message at a time by this hosted worker through
/// <see cref="IEmailSender"/>. At most one message per recipient waits in the queue at a time, so nobody can be
/// mail-bombed through it and one address cannot fill it. A failed delivery is retried; a message that still fails, or fails in an
/// unexpected way, is logged and the worker goes on with the next one. Queued mail lives in this process: a message
/// still queued when it stops is logged as not sent (recovery mail is asked for again by its user, who was never told
/// it was sent).
/// </summary>
internal sealed partial class EmailOutbox(
    IEmailSender sender,
    IOptions<EmailOutboxOptions> options,
    TimeProvider timeProvider,
    ILogger<EmailOutbox> logger) : BackgroundService, IEmailOutbox
{
    private readonly Channel<EmailMessage> queue = Channel.CreateBounded<EmailMessage>(
        new BoundedChannelOptions(options.Value.Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly ConcurrentDictionary<string, byte> waiting = new(StringComparer.OrdinalIgnoreCase);

    public void Queue(EmailMessage message)
    {
        if (!waiting.TryAdd(message.To, 0))
        {
            LogAlreadyWaiting(logger);
            return;
        }

        // With FullMode.Wait, TryWrite refuses (rather than drops silently) when the queue is full.
        if (!queue.Writer.TryWrite(message))
        {
            waiting.TryRemove(message.To, out _);
            LogDropped(logger, options.Value.Capacity);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var message in queue.Reader.ReadAllAsync(stoppingToken))
            {
                waiting.TryRemove(message.To, out _); // no longer waiting: a new one for this recipient may queue
                await DeliverAsync(message, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            if (!waiting.IsEmpty)
            {
                LogUnsentAtStop(logger, waiting.Count);
            }
        }
    }

    private async Task DeliverAsync(EmailMessage message, CancellationToken stoppingToken)
    {
        var delays = options.Value.RetryDelays;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await sender.SendAsync(message, stoppingToken);
                return;
            }
            catch (EmailDeliveryException e) when (attempt < delays.Count)
            {
                LogRetrying(logger, e, attempt + 1, delays[attempt]);
                await Task.Delay(delays[attempt], timeProvider, stoppingToken);
            }
            catch (EmailDeliveryException e)
            {
                LogGaveUp(logger, e, attempt + 1);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // Whatever else goes wrong with one message must not stop the worker (and with it the app).
                LogFailed(logger, e);
                return;
            }
        }
    }

    // Addresses stay out of these lines: the log is not the place for who asked for a password reset.
    [LoggerMessage(Level = LogLevel.Error, Message = "The mail queue is full ({Capacity} messages); a message was not queued")]
    private static partial void LogDropped(ILogger logger, int capacity);

    [LoggerMessage(Level = LogLevel.Information, Message = "A message to the same recipient is already waiting to be sent; this one was not queued")]
    private static partial void LogAlreadyWaiting(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending a queued message failed (attempt {Attempt}); retrying in {Delay}")]
    private static partial void LogRetrying(ILogger logger, Exception exception, int attempt, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sending a queued message failed {Attempts} times; it was not sent")]
    private static partial void LogGaveUp(ILogger logger, Exception exception, int attempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "A queued message could not be sent; the worker goes on with the next one")]
    private static partial void LogFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopping with {Count} queued messages not sent")]
    private static partial void LogUnsentAtStop(ILogger logger, int count);
}
