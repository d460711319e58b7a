using System.Net;
using CleanApp.Infrastructure.Configuration;
using CleanApp.Testing;
using CleanApp.Web.FunctionalTests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace CleanApp.Web.FunctionalTests.Processes;

/// <summary>The built app as a separate process: how a developer, a container or a job starts it.</summary>
public class AppProcessTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static long Count(string sqlitePath, string table)
    {
        using var connection = new SqliteConnection($"Data Source={sqlitePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {table}";
        return (long)command.ExecuteScalar()!;
    }

    [Fact]
    public async Task With_no_configuration_in_development_it_migrates_and_seeds_a_local_sqlite_file_and_serves()
    {
        using var folder = new TempFolder();
        await using var app = await AppProcess.ServeAsync(folder.Path, new() { ["ASPNETCORE_ENVIRONMENT"] = "Development" });

        var ready = await app.Client.GetAsync(new Uri("/health/ready", UriKind.Relative), Token);

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var file = folder.File(DatabaseSettings.DefaultSqlitePath);
        Assert.True(File.Exists(file), app.Log);
        Assert.True(Count(file, "users") >= 2, "the superuser and sample users are seeded");
        Assert.True(Count(file, "items") >= 2, "sample items are seeded");
    }

    [Fact]
    public async Task In_cookie_mode_the_documented_browser_call_works_from_the_frontend_with_its_preflight_and_from_no_other_origin()
    {
        using var folder = new TempFolder();
        const string Frontend = "http://localhost:5173";
        await using var app = await AppProcess.ServeAsync(folder.Path, new()
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development", ["AUTH_REFRESH_COOKIE"] = "true", ["FRONTEND_HOST"] = Frontend,
        });
        // A browser's own client: it keeps no cookie jar of its own here, each call sends what the browser would.
        using var browser = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = app.Client.BaseAddress };
        HttpRequestMessage Call(HttpMethod method, string origin, Dictionary<string, string>? form = null, string? cookie = null)
        {
            var request = new HttpRequestMessage(method, "/api/v1/login/access-token") { Content = form is null ? null : new FormUrlEncodedContent(form) };
            request.Headers.Add("Origin", origin);
            if (cookie is not null)
            {
                request.Headers.Add("Cookie", cookie);
            }

            return request;
        }

        using var preflight = Call(HttpMethod.Options, Frontend);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type");
        var allowed = await browser.SendAsync(preflight, Token);
        var signIn = await browser.SendAsync(Call(HttpMethod.Post, Frontend, new() { ["username"] = "admin@example.com", ["password"] = "changethis" }), Token);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
        var refresh = await browser.SendAsync(Call(HttpMethod.Post, Frontend, new() { ["grant_type"] = "refresh_token" }, cookie), Token);
        var forged = await browser.SendAsync(Call(HttpMethod.Post, "http://evil.example", new() { ["username"] = "admin@example.com", ["password"] = "changethis" }), Token);

        Assert.Equal(Frontend, allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal("true", allowed.Headers.GetValues("Access-Control-Allow-Credentials").Single());
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
        Assert.Equal("true", refresh.Headers.GetValues("Access-Control-Allow-Credentials").Single()); // the browser hands the answer to the page
        Assert.StartsWith("refresh_token=", refresh.Headers.GetValues("Set-Cookie").Single(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.False(forged.Headers.Contains("Set-Cookie"));
        Assert.False(forged.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task In_production_it_never_migrates_on_its_own_unless_told_to()
    {
        using var folder = new TempFolder();
        await using (var untold = await AppProcess.ServeAsync(folder.Path, AppProcess.Production()))
        {
            var pending = await untold.Client.GetAsync(new Uri("/health/ready", UriKind.Relative), Token);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, pending.StatusCode);
            // Waiting for its migrations is not an error at start: DataProtection's key ring is read when first
            // needed, not at start, so nothing fails on the missing table before anyone asks. (The log is written in
            // batches: the readiness request's own line comes after anything the start logged.)
            await Eventually.TrueAsync(() => untold.Log.Contains("HTTP GET /health/ready responded 503", StringComparison.Ordinal), "the readiness request's log line");
            Assert.DoesNotContain("data_protection_keys", untold.Log, StringComparison.Ordinal);
        }

        await using var told = await AppProcess.ServeAsync(folder.Path, AppProcess.Production(new() { ["MIGRATE_ON_START"] = "true" }));
        var ready = await told.Client.GetAsync(new Uri("/health/ready", UriKind.Relative), Token);

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(1, Count(folder.File(DatabaseSettings.DefaultSqlitePath), "users")); // the superuser; no sample data outside Development
    }

    [Fact]
    public async Task Db_commands_of_the_built_app_migrate_and_report_on_postgres()
    {
        await using var database = TestDatabases.New(DatabaseProvider.Postgres, "process");
        using var folder = new TempFolder();
        var settings = AppProcess.Production(database.AppSettings());

        var check = await AppProcess.RunAsync(folder.Path, settings, "db", "check");
        var migrate = await AppProcess.RunAsync(folder.Path, settings, "db", "migrate");
        var status = await AppProcess.RunAsync(folder.Path, settings, "db", "status");

        Assert.True(check.ExitCode == 0, check.Error);
        Assert.Contains("does not exist yet", check.Output, StringComparison.Ordinal);
        Assert.True(migrate.ExitCode == 0, migrate.Error);
        Assert.Contains("Applied", migrate.Output, StringComparison.Ordinal);
        Assert.Contains("0 pending", status.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("[pending]", status.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settings_come_from_a_dotenv_file_in_the_working_directory_and_the_environment_wins_over_it()
    {
        using var folder = new TempFolder();
        await File.WriteAllTextAsync(folder.File(".env"), "# local settings\nDATABASE_PROVIDER=sqlite\nSQLITE_PATH=from-dotenv.db\n", Token);

        var fromFile = await AppProcess.RunAsync(folder.Path, AppProcess.Production(), "db", "migrate");
        var fromEnvironment = await AppProcess.RunAsync(folder.Path, AppProcess.Production(new() { ["SQLITE_PATH"] = "from-environment.db" }), "db", "migrate");

        Assert.True(fromFile.ExitCode == 0, fromFile.Error);
        Assert.True(File.Exists(folder.File("from-dotenv.db")));
        Assert.True(fromEnvironment.ExitCode == 0, fromEnvironment.Error);
        Assert.True(File.Exists(folder.File("from-environment.db")));
    }

    /// <summary>A malformed value for every setting that has a form (a number, a port, a flag, an address, a choice).</summary>
    public static TheoryData<string, string> MalformedSettings => new()
    {
        { "DATABASE_PROVIDER", "mysql" },
        { "POSTGRES_PORT", "five-four-three-two" },
        { "POSTGRES_CONNECT_TIMEOUT", "0" },
        { "POSTGRES_COMMAND_TIMEOUT", "soon" },
        { "FORWARDED_ALLOW_IPS", "proxy.local" },
        { "HTTPS_REDIRECT", "always" },
        { "HTTPS_PORT", "https" },
        { "SHUTDOWN_DRAIN_SECONDS", "-1" },
        { "LOG_FORMAT", "xml" },
        { "API_JSON_NAMING", "kebab-case" },
        { "OTEL_EXPORTER_OTLP_ENDPOINT", "collector:4318" },
        { "MIGRATE_ON_START", "sometimes" },
        { "SEED_SAMPLE_DATA", "maybe" },
        { "FIRST_SUPERUSER", "admin-at-example" },
        { "ACCESS_TOKEN_EXPIRE_MINUTES", "abc" },
        { "AUTH_RATE_LIMIT_PER_MINUTE", "ten" },
        { "AUTH_REFRESH_RATE_LIMIT_PER_MINUTE", "0" },
        { "RECOVERY_MAIL_COOLDOWN_SECONDS", "five minutes" },
        { "API_REQUIRE_IF_MATCH", "sometimes" },
        { "AUTH_REFRESH_COOKIE", "cookie" },
        { "SESSION_EXPIRE_DAYS", "a month" },
        { "REFRESH_TOKEN_EXPIRE_MINUTES", "0" },
        { "IDEMPOTENCY_KEY_HOURS", "a day" },
        { "FRONTEND_HOST", "localhost:5173" },
        { "BACKEND_CORS_ORIGINS", "not-an-origin" },
        { "SMTP_PORT", "70000" },
        { "SMTP_TLS", "perhaps" },
        { "SMTP_SSL", "2" },
        { "EMAILS_FROM_EMAIL", "info at example.com" },
        { "EMAIL_RESET_TOKEN_EXPIRE_HOURS", "abc" },
        { "EMAIL_VERIFICATION", "always" },
        { "EMAIL_VERIFY_TOKEN_EXPIRE_HOURS", "0" },
    };

    /// <summary>Settings any text is a valid value of (names, paths, hosts, secrets: their own tests check the secrets).</summary>
    private static readonly string[] FreeTextSettings =
    [
        "ASPNETCORE_ENVIRONMENT", "PROJECT_NAME", "SQLITE_PATH", "POSTGRES_SERVER", "POSTGRES_USER", "POSTGRES_PASSWORD", "POSTGRES_DB",
        "BACKUP_DIR", "PG_BIN", "FIRST_SUPERUSER_PASSWORD", "SECRET_KEY", "SMTP_HOST", "SMTP_USER", "SMTP_PASSWORD", "EMAILS_FROM_NAME", "OTEL_SERVICE_NAME",
    ];

    [Theory]
    [MemberData(nameof(MalformedSettings))]
    public async Task A_malformed_setting_stops_the_published_app_at_start_naming_it(string setting, string value)
    {
        using var folder = new TempFolder();
        var settings = AppProcess.Production(new()
        {
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            [setting] = value,
        });
        if (setting.StartsWith("POSTGRES_", StringComparison.Ordinal))
        {
            settings["DATABASE_PROVIDER"] = "postgres";
        }

        var (exitCode, _, error) = await AppProcess.RunAsync(folder.Path, settings);

        Assert.True(exitCode == 1, $"Exit code {exitCode}; stderr: {error}");
        Assert.Contains($"CleanApp cannot start. Setting {setting}: '{value}'", error, StringComparison.Ordinal);
        Assert.Contains("Set it to", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_documented_setting_is_either_malformed_in_a_test_or_known_to_take_any_text()
    {
        var readme = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "README.md"))
            .Where(line => line.StartsWith("| `", StringComparison.Ordinal))
            .SelectMany(line => System.Text.RegularExpressions.Regex.Matches(line.Split('|')[1], "`([A-Z_]+)`").Select(m => m.Groups[1].Value));
        var example = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, ".env.example"))
            .Select(line => System.Text.RegularExpressions.Regex.Match(line, "^#? ?([A-Z][A-Z_]+)=")).Where(m => m.Success).Select(m => m.Groups[1].Value);
        var covered = MalformedSettings.Select(row => row.Data.Item1).Concat(FreeTextSettings).ToHashSet();
        var uncovered = readme.Concat(example).Distinct().Where(setting => !covered.Contains(setting)).ToList();

        Assert.True(uncovered.Count == 0, $"Settings with no malformed-value test and not known as free text: {string.Join(", ", uncovered)}");
    }

    public static TheoryData<string, string?, string> ProductionRefusals => new()
    {
        { "SECRET_KEY", "changethis", "is still \"changethis\"" },
        { "SECRET_KEY", null, "is not set" },
        { "SECRET_KEY", "too-short", "has 9 characters" },
        { "FIRST_SUPERUSER_PASSWORD", null, "is still \"changethis\"" },
        { "SMTP_PASSWORD", "changethis", "is still \"changethis\"" },
        { "ACCESS_TOKEN_EXPIRE_MINUTES", "-5", "'-5' is not a number of minutes" },
        { "FRONTEND_HOST", "localhost:5173", "'localhost:5173' is not an http(s) address" },
    };

    [Theory]
    [MemberData(nameof(ProductionRefusals))]
    public async Task Outside_development_an_unsafe_or_missing_secret_stops_the_start_naming_it(string setting, string? value, string problem)
    {
        using var folder = new TempFolder();
        var settings = AppProcess.Production();
        settings.Remove(setting);
        if (value is not null)
        {
            settings[setting] = value;
        }

        settings["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        var (exitCode, _, error) = await AppProcess.RunAsync(folder.Path, settings);

        Assert.Equal(1, exitCode);
        Assert.Contains($"Setting {setting}: {problem}", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Its_log_lines_reach_standard_output_promptly_and_all_of_them_are_written_before_it_stops()
    {
        using var folder = new TempFolder();
        await using var app = await AppProcess.ServeAsync(folder.Path, AppProcess.Production(new() { ["SHUTDOWN_DRAIN_SECONDS"] = "1" }));

        await app.Client.GetAsync(new Uri("/first", UriKind.Relative), Token);
        await Eventually.TrueAsync(() => app.Log.Contains("HTTP GET /first responded 404", StringComparison.Ordinal), "the first request's log line, without waiting for more");

        // A burst, then an immediate stop: every line is written before the process exits.
        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => app.Client.GetAsync(new Uri($"/burst/{i}", UriKind.Relative), Token)));
        Assert.Equal(0, await app.StopAsync());
        var missing = Enumerable.Range(0, 200).Where(i => !app.Log.Contains($"HTTP GET /burst/{i} responded 404", StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, $"No log line for requests {string.Join(", ", missing)} in:\n{app.Log}");
    }

    [Fact]
    public async Task Oversized_bodies_headers_and_query_strings_are_refused_with_4xx_before_the_app_works_on_them()
    {
        using var folder = new TempFolder();
        await using var app = await AppProcess.ServeAsync(folder.Path, AppProcess.Production());

        var huge = $$"""{"email": "a@example.com", "password": "{{new string('p', 2 * 1024 * 1024)}}"}""";
        var body = await app.Client.PostAsync(new Uri("/api/v1/users/signup", UriKind.Relative), new StringContent(huge, System.Text.Encoding.UTF8, "application/json"), Token);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, body.StatusCode);
        Assert.Equal("application/problem+json", body.Content.Headers.ContentType?.MediaType);

        using var header = new HttpRequestMessage(HttpMethod.Get, "/api/v1/items");
        header.Headers.TryAddWithoutValidation("Authorization", "Bearer " + new string('a', 64 * 1024));
        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, (await app.Client.SendAsync(header, Token)).StatusCode);

        var query = await app.Client.GetAsync(new Uri("/api/v1/items?cursor=" + new string('c', 16 * 1024), UriKind.Relative), Token);
        Assert.Equal(HttpStatusCode.RequestUriTooLong, query.StatusCode);
    }

    [Fact]
    public async Task On_SIGTERM_under_load_it_turns_unready_serves_on_while_draining_and_answers_no_5xx()
    {
        using var folder = new TempFolder();
        await using var app = await AppProcess.ServeAsync(folder.Path, AppProcess.Production(new()
        {
            ["MIGRATE_ON_START"] = "true", // readiness needs a migrated database
            ["SHUTDOWN_DRAIN_SECONDS"] = "2",
        }));
        Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync(new Uri("/health/ready", UriKind.Relative), Token)).StatusCode);

        var statuses = new System.Collections.Concurrent.ConcurrentBag<(int Status, bool AfterSignal)>();
        var signalled = false;
        using var load = new CancellationTokenSource(TimeSpan.FromSeconds(8));
        var clients = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            using var client = new HttpClient { BaseAddress = app.Client.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
            for (var i = 0; i < 2000 && !load.IsCancellationRequested; i++)
            {
                try
                {
                    var after = Volatile.Read(ref signalled);
                    var response = await client.GetAsync(new Uri("/api/v1/utils/health-check", UriKind.Relative), load.Token);
                    statuses.Add(((int)response.StatusCode, after));
                    // Paced, so the bounded loop outlasts the signal (2,000 requests at full speed can end before it).
                    await Task.Delay(5, load.Token);
                }
                catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
                {
                    return; // the server has stopped accepting: the drain is over
                }
            }
        })).ToList();

        await Task.Delay(500, Token);
        var stopped = app.StopAsync();
        Volatile.Write(ref signalled, true);
        await Eventually.TrueAsync(
            async () => (await app.Client.GetAsync(new Uri("/health/ready", UriKind.Relative), Token)).StatusCode == HttpStatusCode.ServiceUnavailable,
            "readiness to turn 503 once SIGTERM arrived");
        Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync(new Uri("/health/live", UriKind.Relative), Token)).StatusCode);

        Assert.Equal(0, await stopped);
        await Task.WhenAll(clients);
        Assert.DoesNotContain(statuses, s => s.Status >= 500);
        Assert.Contains(statuses, s => s.AfterSignal && s.Status == 200); // served on while draining
    }

    [Fact]
    public async Task With_LOG_FORMAT_json_each_line_is_a_json_object_carrying_the_requests_trace_id()
    {
        using var folder = new TempFolder();
        await using var app = await AppProcess.ServeAsync(folder.Path, AppProcess.Production(new() { ["LOG_FORMAT"] = "json" }));

        await app.Client.GetAsync(new Uri("/json-line", UriKind.Relative), Token);

        string? line = null;
        await Eventually.TrueAsync(
            () => (line = app.Log.Split('\n').FirstOrDefault(l => l.Contains("/json-line", StringComparison.Ordinal))) is not null,
            "the request's log line");
        using var json = System.Text.Json.JsonDocument.Parse(line!);
        Assert.Equal("/json-line", json.RootElement.GetProperty("RequestPath").GetString());
        Assert.Equal(404, json.RootElement.GetProperty("StatusCode").GetInt32());
        Assert.Matches("^[0-9a-f]{32}$", json.RootElement.GetProperty("@tr").GetString());
    }

    [Fact]
    public async Task In_development_a_placeholder_secret_only_warns()
    {
        using var folder = new TempFolder();
        await using var app = await AppProcess.ServeAsync(folder.Path, new()
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["SECRET_KEY"] = "changethis",
        });

        Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync(new Uri("/api/v1/utils/health-check", UriKind.Relative), Token)).StatusCode);
        await Eventually.TrueAsync(() => app.Log.Contains("HTTP GET /api/v1/utils/health-check responded 200", StringComparison.Ordinal), "the request's log line");
        Assert.Contains("The value of SECRET_KEY is \"changethis\"", app.Log, StringComparison.Ordinal);
    }
}
