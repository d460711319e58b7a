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
/// <see cref="IEmailSender"/>. Queued mail lives in this process: a message still queued when it stops is logged as
/// not sent (recovery mail is asked for again by its user, who was never told it was sent).
/// </summary>
internal sealed partial class EmailOutbox(
    IEmailSender sender,
    IOptions<EmailOutboxOptions> options,
    TimeProvider timeProvider,
    ILogger<EmailOutbox> logger) : BackgroundService, IEmailOutbox
{
    private readonly Channel<EmailMessage> queue = Channel.CreateBounded<EmailMessage>(
        new BoundedChannelOptions(options.Value.Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite });

    public void Queue(EmailMessage message)
    {
        if (!queue.Writer.TryWrite(message))
        {
            LogDropped(logger, message.Subject, options.Value.Capacity);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var message in queue.Reader.ReadAllAsync(stoppingToken))
            {
                await DeliverAsync(message, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            var left = queue.Reader.Count;
            if (left > 0)
            {
                LogUnsentAtStop(logger, left);
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
                LogRetrying(logger, e, message.Subject, attempt + 1, delays[attempt]);
                await Task.Delay(delays[attempt], timeProvider, stoppingToken);
            }
            catch (EmailDeliveryException e)
            {
                LogGaveUp(logger, e, message.Subject, attempt + 1);
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The mail queue is full ({Capacity} messages); a message was dropped: {Subject}")]
    private static partial void LogDropped(ILogger logger, string subject, int capacity);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending \"{Subject}\" failed (attempt {Attempt}); retrying in {Delay}")]
    private static partial void LogRetrying(ILogger logger, Exception exception, string subject, int attempt, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sending \"{Subject}\" failed {Attempts} times; it was not sent")]
    private static partial void LogGaveUp(ILogger logger, Exception exception, string subject, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopping with {Count} queued messages not sent")]
    private static partial void LogUnsentAtStop(ILogger logger, int count);
}
