using System.Net;
using System.Net.Sockets;
using CleanApp.Testing;
using CleanApp.Web.FunctionalTests.Infrastructure;
using Npgsql;

namespace CleanApp.Web.FunctionalTests.Operations;

/// <summary>The app on a PostgreSQL server of its own, which the tests stop, start again and stall under it.</summary>
public sealed class DatabaseFaultFixture : ApiFixture
{
    internal OwnPostgresServer Server { get; private set; } = null!;

    // Short bounds, so a stalled database fails requests quickly here; production defaults are 5 s and 15 s.
    protected override Dictionary<string, string?> Settings => new()
    {
        ["POSTGRES_CONNECT_TIMEOUT"] = "2",
        ["POSTGRES_COMMAND_TIMEOUT"] = "2",
    };

    private protected override async Task<IThrowawayDatabase> CreateDatabaseAsync() => Server = await OwnPostgresServer.StartAsync();
}

public sealed class DatabaseFaultTests(DatabaseFaultFixture api) : ApiTest<DatabaseFaultFixture>(api)
{
    private const string Unavailable = "The database is unavailable or not answering. Try again shortly.";

    [Fact]
    public async Task With_the_database_stopped_data_routes_answer_503_with_Retry_After_liveness_stays_200_and_it_recovers_without_a_restart()
    {
        var admin = await Api.AdminAsync();
        var created = await admin.PostJson("/api/v1/items", new { title = "kept" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        await Api.Server.StopAsync();
        try
        {
            foreach (var request in new Func<Task<HttpResponseMessage>>[]
                     {
                         () => admin.Get("/api/v1/items"), // the token's user check and a query
                         () => admin.Get("/api/v1/users/me"),
                         () => admin.PostJson("/api/v1/items", new { title = "not while it is down" }), // a command
                         () => Api.LoginAsync(ApiFixture.AdminEmail, ApiFixture.AdminPassword), // anonymous
                         () => Api.Client().PostJson("/api/v1/users/signup", new { email = "new@example.com", password = "new-password-1" }),
                     })
            {
                var response = await request();
                Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                Assert.Equal("5", response.Headers.GetValues("Retry-After").Single());
                Assert.Equal(Unavailable, (await response.ProblemAsync()).Detail);
            }

            // The operator learns why (the request log shows only the status).
            Assert.Contains(Api.Log.Entries, e => e.Level == Serilog.Events.LogEventLevel.Warning && e.Exception is not null
                && e.Message.StartsWith("A database fault answered", StringComparison.Ordinal) && e.Message.Contains("/api/v1/users/signup", StringComparison.Ordinal));

            // Liveness asks nothing of the database or the token, whatever the probe sends.
            Assert.Equal(HttpStatusCode.OK, (await admin.Get("/health/live")).StatusCode);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await admin.Get("/health/ready")).StatusCode);
        }
        finally
        {
            await Api.Server.StartAgainAsync();
        }

        // Back without a restart: pooled connections that died with the server are replaced, and no answer on the
        // way is a 500.
        var statuses = new List<HttpStatusCode>();
        await Eventually.TrueAsync(
            async () =>
            {
                var response = await admin.Get("/api/v1/items");
                statuses.Add(response.StatusCode);
                return response.StatusCode == HttpStatusCode.OK;
            },
            "GET /items answers 200 again");
        Assert.All(statuses, status => Assert.Contains(status, new[] { HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable }));
        var page = await (await admin.Get("/api/v1/items")).JsonAsync();
        Assert.Equal("kept", page.GetProperty("data")[0].GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.Created, (await admin.PostJson("/api/v1/items", new { title = "after" })).StatusCode);
    }

    [Fact]
    public async Task A_database_that_does_not_answer_fails_the_request_with_503_within_the_command_timeout()
    {
        var admin = await Api.AdminAsync();

        // Another session holds the items table: the app's query waits on it, as on a database that does not answer.
        await using var blocker = new NpgsqlConnection(Api.Server.ConnectionString);
        await blocker.OpenAsync(Token);
        await using var transaction = await blocker.BeginTransactionAsync(Token);
        await using (var command = new NpgsqlCommand("LOCK TABLE items IN ACCESS EXCLUSIVE MODE", blocker, transaction))
        {
            await command.ExecuteNonQueryAsync(Token);
        }

        using var bounded = Api.Client(admin.DefaultRequestHeaders.Authorization!.Parameter);
        bounded.Timeout = TimeSpan.FromSeconds(30); // far above POSTGRES_COMMAND_TIMEOUT=2 and its retries; only a hang reaches it
        var response = await bounded.Get("/api/v1/items");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(Unavailable, (await response.ProblemAsync()).Detail);
        await transaction.RollbackAsync(Token);
        Assert.Equal(HttpStatusCode.OK, (await admin.Get("/api/v1/items")).StatusCode);
    }
}

/// <summary>A server that accepts connections and never says a word: the connection attempt is bounded too.</summary>
public sealed class SilentDatabaseTests : IAsyncLifetime
{
    private readonly TcpListener silent = new(IPAddress.Loopback, 0);
    private readonly List<Socket> accepted = [];
    private WebAppFactory? factory;

    public ValueTask InitializeAsync()
    {
        silent.Start();
        _ = AcceptForeverAsync();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        factory = new WebAppFactory(TestDatabase.Named("never_reached"), "Development", new()
        {
            ["POSTGRES_SERVER"] = "127.0.0.1",
            ["POSTGRES_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["POSTGRES_CONNECT_TIMEOUT"] = "1",
        });
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Signing_in_against_it_answers_503_instead_of_hanging()
    {
        using var client = factory!.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(30); // far above POSTGRES_CONNECT_TIMEOUT=1; only a hang reaches it

        var response = await client.PostAsync(
            Http.Url("/api/v1/login/access-token"),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = "someone@example.com", ["password"] = "a-password-1" }),
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("5", response.Headers.GetValues("Retry-After").Single());
    }

    private async Task AcceptForeverAsync()
    {
        try
        {
            while (true)
            {
                var socket = await silent.AcceptSocketAsync();
                lock (accepted)
                {
                    accepted.Add(socket);
                }
            }
        }
        catch (ObjectDisposedException)
        {
        }
        catch (SocketException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (factory is not null)
        {
            await factory.DisposeAsync();
        }

        silent.Stop();
        lock (accepted)
        {
            accepted.ForEach(socket => socket.Dispose());
        }
    }
}
