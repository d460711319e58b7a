using CleanApp.Testing;

namespace CleanApp.Web.FunctionalTests.Deployment;

/// <summary>
/// deploy/compose.production.yml and its nginx cannot run here (no container engine): their wiring is checked by
/// reading them. (The Kubernetes manifests are type-checked by build/check-deploy.sh.)
/// </summary>
public sealed class ProductionDeploymentTests
{
    private static readonly string Folder = Path.Combine(RepositoryPaths.Root, "deploy");
    private static readonly Dictionary<object, object> Compose = ComposeYaml.Parse(File.ReadAllText(Path.Combine(Folder, "compose.production.yml")));
    private static readonly string Nginx = File.ReadAllText(Path.Combine(Folder, "nginx", "nginx.conf"));

    private static object? At(params string[] path) => ComposeYaml.At(Compose, path);

    [Fact]
    public void Replicas_start_only_after_the_migrator_job_succeeded_and_never_migrate_on_their_own()
    {
        Assert.Equal("service_completed_successfully", At("services", "api", "depends_on", "migrator", "condition"));
        Assert.Equal("service_healthy", At("services", "migrator", "depends_on", "db", "condition"));
        Assert.Contains("db migrate", string.Join(' ', (List<object>)At("services", "migrator", "entrypoint")!), StringComparison.Ordinal);
        Assert.Equal("no", At("services", "migrator", "restart"));
        Assert.Equal("false", At("services", "api", "environment", "MIGRATE_ON_START"));
        Assert.Equal("${API_REPLICAS:-3}", At("services", "api", "deploy", "replicas"));
    }

    [Fact]
    public void Only_nginx_is_published_and_the_replicas_believe_the_forwarded_headers_of_its_network_only()
    {
        Assert.Null(At("services", "api", "ports"));
        Assert.Null(At("services", "db", "ports"));
        Assert.Contains("443:443", ((List<object>)At("services", "nginx", "ports")!).Cast<string>());
        var subnet = (string)((Dictionary<object, object>)((List<object>)At("networks", "backend", "ipam", "config")!)[0])["subnet"];
        Assert.Equal(subnet, At("services", "api", "environment", "FORWARDED_ALLOW_IPS"));
        Assert.Equal("Production", At("services", "api", "environment", "ASPNETCORE_ENVIRONMENT"));
        Assert.StartsWith("${SECRET_KEY:?", (string)At("services", "api", "environment", "SECRET_KEY")!, StringComparison.Ordinal); // required, the same for all
    }

    [Fact]
    public void Nginx_ends_tls_forwards_the_client_and_retries_only_on_another_replica()
    {
        Assert.Contains("./nginx/nginx.conf:/etc/nginx/nginx.conf:ro", ((List<object>)At("services", "nginx", "volumes")!).Cast<string>());
        Assert.Contains("listen 443 ssl;", Nginx, StringComparison.Ordinal);
        Assert.Contains("return 308 https://", Nginx, StringComparison.Ordinal);
        Assert.Contains("server api:8000", Nginx, StringComparison.Ordinal);
        Assert.Contains("proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;", Nginx, StringComparison.Ordinal);
        Assert.Contains("proxy_set_header X-Forwarded-Proto $scheme;", Nginx, StringComparison.Ordinal);
        Assert.Contains("proxy_next_upstream error timeout http_502 http_503 http_504;", Nginx, StringComparison.Ordinal);
        Assert.DoesNotContain("non_idempotent", Nginx, StringComparison.Ordinal); // a write is never sent twice
        Assert.Contains("client_max_body_size 1m;", Nginx, StringComparison.Ordinal);
    }
}
