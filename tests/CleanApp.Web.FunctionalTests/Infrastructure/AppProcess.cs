using System.Diagnostics;
using System.Globalization;
using System.Text;
using CleanApp.Testing;

namespace CleanApp.Web.FunctionalTests.Infrastructure;

/// <summary>The built app run as a real process, as a container or a developer runs it.</summary>
internal static class AppProcess
{
    private static readonly Lazy<string> AppDll = new(Publish, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>What a production deployment must set: secrets of its own.</summary>
    public static Dictionary<string, string?> Production(Dictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["SECRET_KEY"] = "a-production-secret-of-at-least-32-characters",
            ["FIRST_SUPERUSER_PASSWORD"] = "a-production-superuser-password",
        };
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        return all;
    }

    /// <summary>Settings of the test run itself that must not leak into the app under test.</summary>
    private static readonly string[] Inherited =
        [
            "DATABASE_PROVIDER", "POSTGRES_SERVER", "POSTGRES_PORT", "POSTGRES_USER", "POSTGRES_PASSWORD", "POSTGRES_DB", "SQLITE_PATH",
            "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT", "SECRET_KEY", "FIRST_SUPERUSER", "FIRST_SUPERUSER_PASSWORD", "SMTP_HOST",
        ];

    public static ProcessStartInfo StartInfo(string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(AppDll.Value);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var key in Inherited)
        {
            info.Environment.Remove(key);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        return info;
    }

    /// <summary>Runs the app to its end (a db command) and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(
        string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        using var process = Process.Start(StartInfo(workingDirectory, environment, args))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`CleanApp.Web {string.Join(' ', args)}` did not finish in 2 minutes.");
        }

        return (process.ExitCode, await output, await error);
    }

    /// <summary>Starts the web server on a free port and waits until it answers /health/live.</summary>
    public static async Task<RunningApp> ServeAsync(string workingDirectory, Dictionary<string, string?> environment)
    {
        var port = FreePort.Next();
        environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        var process = Process.Start(StartInfo(workingDirectory, environment))!;
        var log = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var app = new RunningApp(process, new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") }, log);
        for (var waited = TimeSpan.Zero; waited < TimeSpan.FromSeconds(60); waited += TimeSpan.FromMilliseconds(250))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with {process.ExitCode}:\n{app.Log}");
            }

            try
            {
                if ((await app.Client.GetAsync(new Uri("/health/live", UriKind.Relative))).IsSuccessStatusCode)
                {
                    return app;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(250);
        }

        await app.DisposeAsync();
        throw new TimeoutException($"The app did not answer within 60 s:\n{app.Log}");
    }

    /// <summary>
    /// Publishes the app once per test run (from the build the tests were built with: --no-build only copies it)
    /// into a temporary folder, and returns its entry assembly: the tests run what a deployment runs.
    /// </summary>
    private static string Publish()
    {
        var root = Testing.RepositoryPaths.Root;
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<Configuration>/net10.0/
        var output = Path.Combine(Path.GetTempPath(), $"cleanapp-published-{Testing.TestPostgres.RunId}-{Environment.ProcessId}");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = root };
        foreach (var argument in new[] { "publish", Path.Combine(root, "src", "CleanApp.Web", "CleanApp.Web.csproj"), "--no-build", "-c", configuration, "-o", output, "-nologo" })
        {
            info.ArgumentList.Add(argument);
        }

        using var publish = Process.Start(info)!;
        var log = publish.StandardOutput.ReadToEnd() + publish.StandardError.ReadToEnd();
        publish.WaitForExit();
        if (publish.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish failed:\n{log}");
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(output, recursive: true);
        return Path.Combine(output, "CleanApp.Web.dll");
    }

}

internal sealed class RunningApp(Process process, HttpClient client, StringBuilder log) : IAsyncDisposable
{
    public HttpClient Client { get; } = client;

    public string Log
    {
        get
        {
            lock (log)
            {
                return log.ToString();
            }
        }
    }

    /// <summary>Stops the app as a container runtime or a service manager does (SIGTERM) and waits for it to exit.</summary>
    public async Task<int> StopAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        return process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }
}

/// <summary>An empty folder to run the app in, removed afterwards.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("cleanapp-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Path, recursive: true);
    }
}
