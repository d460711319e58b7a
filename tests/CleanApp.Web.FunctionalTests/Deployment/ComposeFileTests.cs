using System.Diagnostics;
using System.Text.RegularExpressions;
using CleanApp.Testing;

namespace CleanApp.Web.FunctionalTests.Deployment;

/// <summary>
/// docker-compose.yml cannot run here (no container engine), so its wiring is checked by reading it: the order of
/// the stack, the settings it passes, and its agreement with the Dockerfile and .env.example.
/// </summary>
public partial class ComposeFileTests
{
    private static readonly string ComposeText = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docker-compose.yml"));
    private static readonly Dictionary<object, object> Services = (Dictionary<object, object>)ComposeYaml.Parse(ComposeText)["services"];

    private static Dictionary<object, object> Service(string name) => (Dictionary<object, object>)Services[name];

    private static object? At(Dictionary<object, object> node, params string[] path) => ComposeYaml.At(node, path);

    [Fact]
    public void The_stack_has_postgres_a_one_shot_migrator_the_api_adminer_a_mail_catcher_and_a_trace_viewer()
    {
        Assert.Equal(["adminer", "api", "db", "jaeger", "mailcatcher", "migrator"], Services.Keys.Select(k => (string)k).Order());
        Assert.StartsWith("postgres:", (string)Service("db")["image"], StringComparison.Ordinal);
        Assert.Contains("pg_isready", string.Join(" ", (List<object>)At(Service("db"), "healthcheck", "test")!), StringComparison.Ordinal);
    }

    [Fact]
    public void The_migrator_waits_for_a_healthy_database_then_checks_migrates_and_seeds_once()
    {
        var migrator = Service("migrator");
        var script = string.Join(" ", (List<object>)migrator["entrypoint"]);

        Assert.Equal("service_healthy", At(migrator, "depends_on", "db", "condition"));
        Assert.Equal("no", migrator["restart"]);
        Assert.True(
            script.IndexOf("db check", StringComparison.Ordinal) < script.IndexOf("db migrate", StringComparison.Ordinal)
            && script.IndexOf("db migrate", StringComparison.Ordinal) < script.IndexOf("db seed", StringComparison.Ordinal),
            script);
    }

    [Fact]
    public void The_api_starts_after_the_migrator_succeeded_and_never_migrates_on_its_own()
    {
        var api = Service("api");

        Assert.Equal("service_completed_successfully", At(api, "depends_on", "migrator", "condition"));
        Assert.Equal("false", At(api, "environment", "MIGRATE_ON_START"));
        Assert.Contains("8000:8000", ((List<object>)api["ports"]).Cast<string>());
        foreach (var service in new[] { Service("api"), Service("migrator") })
        {
            Assert.Equal("postgres", At(service, "environment", "DATABASE_PROVIDER"));
            Assert.Equal("db", At(service, "environment", "POSTGRES_SERVER"));
            Assert.Equal("mailcatcher", At(service, "environment", "SMTP_HOST"));
        }
    }

    [Fact]
    public void Every_variable_the_file_reads_has_a_default_is_required_or_is_in_the_env_example()
    {
        var example = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, ".env.example"))
            .Select(line => line.Split('=', 2)[0].Trim())
            .ToHashSet(StringComparer.Ordinal);

        foreach (Match use in Variable().Matches(ComposeText))
        {
            var name = use.Groups["name"].Value;
            var hasFallback = use.Groups["op"].Success;
            Assert.True(hasFallback || example.Contains(name), $"${{{name}}} has no default and is not in .env.example");
        }
    }

    [Fact]
    public void The_image_has_the_pg_dump_of_the_postgres_version_compose_runs()
    {
        var dockerfile = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "Dockerfile"));
        var server = Regex.Match((string)Service("db")["image"], @"postgres:(\d+)").Groups[1].Value;

        Assert.Matches($@"ARG PG_MAJOR={server}\b", dockerfile);
        Assert.Contains("postgresql-client-${PG_MAJOR}", dockerfile, StringComparison.Ordinal);
        Assert.Contains("EXPOSE 8000", dockerfile, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_image_is_published_for_its_architecture_and_so_ReadyToRun()
    {
        // What build/bench.sh measures (docs/performance.md): a publish for a runtime, which the project makes ReadyToRun.
        var dockerfile = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "Dockerfile"));
        Assert.Matches(@"RUN dotnet restore \S+ -a ""\$TARGETARCH""", dockerfile);
        Assert.Matches(@"RUN dotnet publish \S+ -c Release -a ""\$TARGETARCH""", dockerfile);

        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "msbuild", "src/CleanApp.Web/CleanApp.Web.csproj", "-nologo", "-getProperty:PublishReadyToRun", "-p:RuntimeIdentifier=linux-arm64" })
        {
            info.ArgumentList.Add(arg);
        }

        using var msbuild = Process.Start(info)!;
        var output = await msbuild.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await msbuild.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(0, msbuild.ExitCode);
        Assert.Equal("true", output.Trim());
    }

    // ${NAME}, ${NAME:-default}, ${NAME:?message}; $${...} is an escaped dollar for the container's shell.
    [GeneratedRegex(@"(?<!\$)\$\{(?<name>[A-Z_][A-Z0-9_]*)(?<op>:?[-?])?")]
    private static partial Regex Variable();

    [Fact]
    public void The_api_sends_its_traces_over_otlp_http_to_the_stacks_trace_viewer()
    {
        var endpoint = new Uri((string)At(Service("api"), "environment", "OTEL_EXPORTER_OTLP_ENDPOINT")!);

        Assert.Equal("jaeger", endpoint.Host);
        Assert.Equal(4318, endpoint.Port); // OTLP over HTTP
        Assert.Equal("http/protobuf", At(Service("api"), "environment", "OTEL_EXPORTER_OTLP_PROTOCOL"));
        Assert.Equal("true", At(Service("jaeger"), "environment", "COLLECTOR_OTLP_ENABLED"));
    }
}
