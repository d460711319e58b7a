using System.IO.Pipelines;
using CleanApp.Application.Common.Paging;
using CleanApp.Application.Items;
using CleanApp.Web.Host.Configuration;
using CleanApp.Web.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;

namespace CleanApp.Web.FunctionalTests.Contract;

/// <summary>A page's answer is sent with its length, and a client that left mid-request is not answered with a 500.</summary>
public sealed class BufferedOkTests
{
    private static readonly Page<ItemDto> Page = new([new(Guid.NewGuid(), "t", null, Guid.NewGuid(), DateTimeOffset.UnixEpoch, null, DateTimeOffset.UnixEpoch, null, 1)], 1);

    [Fact]
    public async Task The_answer_carries_the_length_of_what_was_written()
    {
        var writer = new CountingWriter(discards: false);

        var response = await ExecuteAsync(writer);

        Assert.True(writer.Written > 0);
        Assert.Equal(writer.Written, response.ContentLength);
    }

    [Fact]
    public async Task When_the_client_is_gone_no_length_is_claimed_for_the_discarded_body()
    {
        // As Kestrel does once the connection is closed: writes are accepted and dropped, nothing is pending. A length
        // of 0 here made the server fail the request (a 500 and an error in the log) for writing "too many bytes".
        var writer = new CountingWriter(discards: true);

        var response = await ExecuteAsync(writer);

        Assert.True(writer.Written > 0);
        Assert.Null(response.ContentLength);
    }

    private static async Task<HttpResponse> ExecuteAsync(PipeWriter writer)
    {
        var services = new ServiceCollection();
        services.AddOptions<JsonOptions>().Configure(options => JsonSetup.ConfigureApi(options.SerializerOptions, JsonNaming.CamelCase));
        var http = new DefaultHttpContext { RequestServices = services.BuildServiceProvider() };
        http.Features.Set<IHttpResponseBodyFeature>(new WriterFeature(writer));
        await BufferedOk.Of(Page).ExecuteAsync(http);
        return http.Response;
    }

    private sealed class WriterFeature(PipeWriter writer) : IHttpResponseBodyFeature
    {
        public Stream Stream => writer.AsStream();

        public PipeWriter Writer => writer;

        public void DisableBuffering()
        {
        }

        public Task StartAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task CompleteAsync() => Task.CompletedTask;
    }

    /// <summary>A response body that counts what is written and either keeps it pending until the flush or drops it.</summary>
    private sealed class CountingWriter(bool discards) : PipeWriter
    {
        private readonly byte[] buffer = new byte[64 * 1024];
        private long pending;

        public long Written { get; private set; }

        public override bool CanGetUnflushedBytes => true;

        public override long UnflushedBytes => pending;

        public override void Advance(int bytes)
        {
            Written += bytes;
            pending += discards ? 0 : bytes;
        }

        public override Memory<byte> GetMemory(int sizeHint = 0) => buffer;

        public override Span<byte> GetSpan(int sizeHint = 0) => buffer;

        public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
        {
            pending = 0;
            return ValueTask.FromResult(new FlushResult(isCanceled: false, isCompleted: discards));
        }

        public override void CancelPendingFlush()
        {
        }

        public override void Complete(Exception? exception = null)
        {
        }
    }
}
