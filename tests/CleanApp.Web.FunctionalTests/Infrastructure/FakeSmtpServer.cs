using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Net;
using System.Text;
using CleanApp.Testing;
using MimeKit;

namespace CleanApp.Web.FunctionalTests.Infrastructure;

/// <summary>
/// A real SMTP server on loopback, just enough of RFC 5321 for a client to deliver mail (no TLS, no auth): the
/// API sends through MailKit exactly as it would to a real server, and the tests read what arrived.
/// </summary>
public sealed class FakeSmtpServer : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stopping = new();
    private readonly Task accepting;

    public FakeSmtpServer()
    {
        listener.Start();
        accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public ConcurrentQueue<MimeMessage> Received { get; } = new();

    /// <summary>How long the server waits before greeting each connection: a slow or distant mail server.</summary>
    public TimeSpan GreetingDelay { get; set; }

    /// <summary>How many of the next messages to refuse with a temporary failure (451), as a struggling server does.</summary>
    public int RefuseNext
    {
        get => Volatile.Read(ref refuseNext);
        set => Volatile.Write(ref refuseNext, value);
    }

    private int refuseNext;

    public void Clear() => Received.Clear();

    private bool TakeRefusal()
    {
        int left;
        do
        {
            left = RefuseNext;
            if (left <= 0)
            {
                return false;
            }
        }
        while (Interlocked.CompareExchange(ref refuseNext, left - 1, left) != left);
        return true;
    }

    /// <summary>The mail received once at least <paramref name="count"/> messages have arrived (mail is sent in the background).</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        await Eventually.TrueAsync(() => Received.Count >= count, $"{count} mail message(s); {Received.Count} arrived", timeout);
        return [.. Received];
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        try
        {
            await accepting;
        }
        catch (OperationCanceledException)
        {
            // stopped
        }

        stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => ConverseAsync(client));
        }
    }

    private async Task ConverseAsync(TcpClient client)
    {
        using var _ = client;
        await using var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        if (GreetingDelay > TimeSpan.Zero)
        {
            await Task.Delay(GreetingDelay, stopping.Token);
        }

        await writer.WriteLineAsync("220 fake-smtp ready");
        while (await reader.ReadLineAsync() is { } line)
        {
            var verb = line.Split(' ', 2)[0].ToUpperInvariant();
            switch (verb)
            {
                case "EHLO":
                    await writer.WriteLineAsync("250-fake-smtp");
                    await writer.WriteLineAsync("250 8BITMIME");
                    break;
                case "HELO" or "MAIL" or "RCPT" or "RSET" or "NOOP":
                    await writer.WriteLineAsync("250 OK");
                    break;
                case "DATA":
                    await writer.WriteLineAsync("354 end with <CRLF>.<CRLF>");
                    var data = new StringBuilder();
                    while (await reader.ReadLineAsync() is { } dataLine && dataLine != ".")
                    {
                        data.Append(dataLine.StartsWith("..", StringComparison.Ordinal) ? dataLine[1..] : dataLine).Append("\r\n");
                    }

                    if (TakeRefusal())
                    {
                        await writer.WriteLineAsync("451 try again later");
                        break;
                    }

                    Received.Enqueue(MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(data.ToString()))));
                    await writer.WriteLineAsync("250 queued");
                    break;
                case "QUIT":
                    await writer.WriteLineAsync("221 bye");
                    return;
                default:
                    await writer.WriteLineAsync("502 not implemented");
                    break;
            }
        }
    }
}
