// The baseline for GET /api/v1/items: stock JWT bearer validation, the same per-request check of the token's user,
// session, roles and permissions (the user exists and is active, the token's session is neither revoked nor ended, their
// roles and what those grant: one query), the count (from the per-owner counts the database keeps, as the app
// reads it) and the page of the caller's items, JSON written by hand.
// It reads the same settings as CleanApp (POSTGRES_*, SECRET_KEY) and the same database.
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Npgsql;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var settings = builder.Configuration;
var connection = new NpgsqlConnectionStringBuilder
{
    Host = settings["POSTGRES_SERVER"],
    Port = int.Parse(settings["POSTGRES_PORT"] ?? "5432", System.Globalization.CultureInfo.InvariantCulture),
    Username = settings["POSTGRES_USER"],
    Password = settings["POSTGRES_PASSWORD"],
    Database = settings["POSTGRES_DB"],
    MaxAutoPrepare = 32, // as the app's connections: both plan a statement once per connection, not per request
    AutoPrepareMinUsages = 2,
    Options = "-c plan_cache_mode=force_generic_plan", // as the app's connections
};
var dataSource = NpgsqlDataSource.Create(connection.ConnectionString);
var key = new SymmetricSecurityKey(SHA256.HashData(Encoding.UTF8.GetBytes(settings["SECRET_KEY"] ?? throw new InvalidOperationException("SECRET_KEY is not set."))));

builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
{
    options.MapInboundClaims = false;
    options.TokenValidationParameters = new TokenValidationParameters
    {
        ValidIssuer = "cleanapp",
        ValidAudience = "cleanapp",
        IssuerSigningKey = key,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        ClockSkew = TimeSpan.FromSeconds(30),
    };
    options.Events = new JwtBearerEvents
    {
        OnTokenValidated = async context =>
        {
            var subject = context.Principal?.FindFirst(JwtRegisteredClaimNames.Sub)?.Value;
            if (!Guid.TryParse(subject, out var userId))
            {
                context.Fail("no user");
                return;
            }

            if (!Guid.TryParse(context.Principal?.FindFirst("sid")?.Value, out var sessionId))
            {
                context.Fail("no session");
                return;
            }

            await using var command = dataSource.CreateCommand(
                "SELECT u.is_active, EXISTS (SELECT 1 FROM sessions s WHERE s.id = $2 AND s.user_id = $1 AND s.revoked_at IS NULL AND s.expires_at > $3), " +
                "ARRAY (SELECT o.name FROM user_roles r JOIN roles o ON o.id = r.role_id WHERE r.user_id = $1 AND o.normalized_name <> 'ADMIN'), " +
                "ARRAY (SELECT c.claim_value FROM user_roles r JOIN role_claims c ON c.role_id = r.role_id WHERE r.user_id = $1 AND c.claim_type = 'permission') " +
                "FROM users u WHERE u.id = $1");
            command.Parameters.AddWithValue(userId);
            command.Parameters.AddWithValue(sessionId);
            command.Parameters.AddWithValue(DateTimeOffset.UtcNow);
            await using var reader = await command.ExecuteReaderAsync(context.HttpContext.RequestAborted);
            if (!await reader.ReadAsync(context.HttpContext.RequestAborted) || !reader.GetBoolean(0) || !reader.GetBoolean(1))
            {
                context.Fail("revoked");
                return;
            }

            // The permissions the user's roles grant, read as the app reads them. The measured user has none; one holding
            // items.read.any would list everyone's items, which this baseline does not implement.
            _ = reader.GetFieldValue<string[]>(2); // the roles, for answers about the caller
            if (reader.GetFieldValue<string[]>(3).Contains("items.read.any"))
            {
                context.Fail("not measured");
            }
        },
    };
});
builder.Services.AddAuthorization();

var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();

app.MapGet("/api/v1/items", async (HttpContext http) =>
{
    var owner = Guid.Parse(http.User.FindFirst(JwtRegisteredClaimNames.Sub)!.Value);
    await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
    await using var batch = new NpgsqlBatch(connection)
    {
        BatchCommands =
        {
            new NpgsqlBatchCommand("SELECT coalesce(sum(count), 0)::bigint FROM item_counts WHERE owner_id = $1") { Parameters = { new() { Value = owner } } },
            new NpgsqlBatchCommand("SELECT id, title, description, owner_id, created_at, created_by, updated_at, updated_by, version FROM items WHERE owner_id = $1 ORDER BY created_at DESC, id DESC LIMIT 100") { Parameters = { new() { Value = owner } } },
        },
    };
    await using var reader = await batch.ExecuteReaderAsync(http.RequestAborted);
    await reader.ReadAsync(http.RequestAborted);
    var count = reader.GetInt64(0);
    await reader.NextResultAsync(http.RequestAborted);

    http.Response.ContentType = "application/json; charset=utf-8";
    await using var json = new Utf8JsonWriter(http.Response.BodyWriter);
    json.WriteStartObject();
    json.WriteStartArray("data");
    while (await reader.ReadAsync(http.RequestAborted))
    {
        json.WriteStartObject();
        json.WriteString("id", reader.GetGuid(0));
        json.WriteString("title", reader.GetString(1));
        if (reader.IsDBNull(2))
        {
            json.WriteNull("description");
        }
        else
        {
            json.WriteString("description", reader.GetString(2));
        }

        json.WriteString("ownerId", reader.GetGuid(3));
        json.WriteString("createdAt", reader.GetFieldValue<DateTimeOffset>(4));
        WriteGuidOrNull(json, "createdBy", reader, 5);
        json.WriteString("updatedAt", reader.GetFieldValue<DateTimeOffset>(6));
        WriteGuidOrNull(json, "updatedBy", reader, 7);
        json.WriteNumber("version", reader.GetInt32(8));
        json.WriteEndObject();
    }

    json.WriteEndArray();
    json.WriteNumber("count", count);
    json.WriteEndObject();
    await json.FlushAsync(http.RequestAborted);
}).RequireAuthorization();

app.Run();

static void WriteGuidOrNull(Utf8JsonWriter json, string name, NpgsqlDataReader reader, int column)
{
    if (reader.IsDBNull(column))
    {
        json.WriteNull(name);
    }
    else
    {
        json.WriteString(name, reader.GetGuid(column));
    }
}

