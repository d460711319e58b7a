// The baseline for GET /api/v1/items: stock JWT bearer validation, the same per-request check of the token's user,
// session, roles and permissions (the user exists and is active, the token's session is neither revoked nor ended, their
// roles and what those grant: one query), the count (from the per-owner counts the database keeps, as the app
// reads it) and the page of the caller's items, JSON written by hand.
// It reads the same settings as CleanApp (POSTGRES_*, SECRET_KEY) and the same database.
//
// The writes do what the app's do, in as few statements as SQL allows (what the app is measured against):
// - POST /api/v1/items: the body read and checked (title 1-255 characters, description at most 255), one INSERT with
//   the audit fields and version 1 (the database's statement trigger keeps the per-owner count, for both), the created-items
//   counter, 201 with Location, ETag and every field. No outbox row: no handler of ItemCreated exists (there would be one
//   more INSERT in the same transaction). With an Idempotency-Key: the key claimed first (an INSERT of its row with the
//   SHA-256 of method, path and body, ON CONFLICT DO NOTHING), the answer written to it after the insert.
// - PUT /api/v1/items/{id} with If-Match: one UPDATE of the fields sent, the audit fields and the version, conditional on
//   the owner and the version named, RETURNING every field; 200 with the new ETag (404 or 412 when no row changed).
// - DELETE /api/v1/items/{id}: one DELETE conditional on the owner (and the version, with If-Match); 200 with the message.
// - POST /api/v1/login/access-token (password grant): the client's sign-in budget counted in the shared counters (one
//   upsert), the account and client's wrong-password count read, the account read by its normalized email, the password
//   checked against Identity's stored hash (PBKDF2, as Identity's hasher: the same cost), a session inserted with the
//   SHA-256 of its first refresh token's secret, a signed access token (sub, sid, jti) and the token pair answered.
using System.Buffers;
using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
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

const string JsonContentType = "application/json; charset=utf-8";
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

    http.Response.ContentType = JsonContentType;
    await using var json = new Utf8JsonWriter(http.Response.BodyWriter);
    json.WriteStartObject();
    json.WriteStartArray("data");
    while (await reader.ReadAsync(http.RequestAborted))
    {
        WriteItem(json, reader);
    }

    json.WriteEndArray();
    json.WriteNumber("count", count);
    json.WriteEndObject();
    await json.FlushAsync(http.RequestAborted);
}).RequireAuthorization();

var meter = new Meter("CleanApp.Bench.Baseline");
var itemsCreated = meter.CreateCounter<long>("items_created");
const string ItemColumns = "id, title, description, owner_id, created_at, created_by, updated_at, updated_by, version";

app.MapPost("/api/v1/items", async (HttpContext http) =>
{
    var body = await ReadBodyAsync(http);
    var input = JsonSerializer.Deserialize(body, BaselineJson.Default.ItemInput);
    if (input?.Title is not { Length: > 0 and <= 255 } title || input.Description is { Length: > 255 })
    {
        http.Response.StatusCode = StatusCodes.Status400BadRequest;
        return;
    }

    var owner = UserId(http);
    var now = DateTimeOffset.UtcNow;
    var id = Guid.CreateVersion7();
    var key = http.Request.Headers["Idempotency-Key"].ToString();
    var scope = $"user:{owner}";
    await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
    if (key.Length > 0)
    {
        await using var claim = new NpgsqlCommand(
            "INSERT INTO idempotency_keys (scope, key, fingerprint, created_at, expires_at, locked_until) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING", connection)
        {
            Parameters =
            {
                new() { Value = scope }, new() { Value = key }, new() { Value = Fingerprint(http.Request, body) },
                new() { Value = now }, new() { Value = now.AddHours(24) }, new() { Value = now.AddMinutes(1) },
            },
        };
        if (await claim.ExecuteNonQueryAsync(http.RequestAborted) == 0)
        {
            http.Response.StatusCode = StatusCodes.Status409Conflict; // a replay: not what is measured
            return;
        }
    }

    await using (var insert = new NpgsqlCommand(
        $"INSERT INTO items ({ItemColumns}) VALUES ($1, $2, $3, $4, $5, $4, $5, $4, 1)", connection)
    {
        Parameters = { new() { Value = id }, new() { Value = title }, new() { Value = (object?)input.Description ?? DBNull.Value }, new() { Value = owner }, new() { Value = now } },
    })
    {
        await insert.ExecuteNonQueryAsync(http.RequestAborted);
    }

    itemsCreated.Add(1);
    var answer = new ArrayBufferWriter<byte>(512);
    await using (var json = new Utf8JsonWriter(answer))
    {
        WriteItemFields(json, id, title, input.Description, owner, now, owner, now, owner, 1);
    }

    var location = $"/api/v1/items/{id}";
    if (key.Length > 0)
    {
        await using var complete = new NpgsqlCommand(
            "UPDATE idempotency_keys SET status = 201, content_type = $1, location = $2, etag = $3, body = $4, locked_until = NULL WHERE scope = $5 AND key = $6", connection)
        {
            Parameters =
            {
                new() { Value = JsonContentType }, new() { Value = location }, new() { Value = "\"1\"" }, new() { Value = answer.WrittenMemory.ToArray() },
                new() { Value = scope }, new() { Value = key },
            },
        };
        await complete.ExecuteNonQueryAsync(http.RequestAborted);
    }

    http.Response.StatusCode = StatusCodes.Status201Created;
    http.Response.Headers.Location = location;
    http.Response.Headers.ETag = "\"1\"";
    http.Response.ContentType = JsonContentType;
    http.Response.ContentLength = answer.WrittenCount;
    await http.Response.Body.WriteAsync(answer.WrittenMemory, http.RequestAborted);
}).RequireAuthorization();

app.MapPut("/api/v1/items/{id:guid}", async (Guid id, HttpContext http) =>
{
    using var input = JsonDocument.Parse(await ReadBodyAsync(http));
    var setTitle = input.RootElement.TryGetProperty("title", out var titleValue);
    var setDescription = input.RootElement.TryGetProperty("description", out var descriptionValue);
    var title = setTitle ? titleValue.GetString() : null;
    var description = setDescription ? descriptionValue.GetString() : null;
    var version = IfMatch(http.Request);
    if ((setTitle && title is not { Length: > 0 and <= 255 }) || description is { Length: > 255 } || version == -1)
    {
        http.Response.StatusCode = StatusCodes.Status400BadRequest;
        return;
    }

    var owner = UserId(http);
    await using var update = dataSource.CreateCommand(
        "UPDATE items SET title = CASE WHEN $1 THEN $2 ELSE title END, description = CASE WHEN $3 THEN $4 ELSE description END, " +
        $"updated_at = $5, updated_by = $6, version = version + 1 WHERE id = $7 AND owner_id = $6 AND ($8::int IS NULL OR version = $8) RETURNING {ItemColumns}");
    update.Parameters.Add(new() { Value = setTitle });
    update.Parameters.Add(new() { Value = (object?)title ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
    update.Parameters.Add(new() { Value = setDescription });
    update.Parameters.Add(new() { Value = (object?)description ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
    update.Parameters.Add(new() { Value = DateTimeOffset.UtcNow });
    update.Parameters.Add(new() { Value = owner });
    update.Parameters.Add(new() { Value = id });
    update.Parameters.Add(new() { Value = (object?)version ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
    await using var reader = await update.ExecuteReaderAsync(http.RequestAborted);
    if (!await reader.ReadAsync(http.RequestAborted))
    {
        http.Response.StatusCode = version is null ? StatusCodes.Status404NotFound : StatusCodes.Status412PreconditionFailed; // not what is measured
        return;
    }

    http.Response.Headers.ETag = $"\"{reader.GetInt32(8)}\"";
    http.Response.ContentType = JsonContentType;
    await using var json = new Utf8JsonWriter(http.Response.BodyWriter);
    WriteItem(json, reader);
    await json.FlushAsync(http.RequestAborted);
}).RequireAuthorization();

app.MapDelete("/api/v1/items/{id:guid}", async (Guid id, HttpContext http) =>
{
    var version = IfMatch(http.Request);
    await using var delete = dataSource.CreateCommand("DELETE FROM items WHERE id = $1 AND owner_id = $2 AND ($3::int IS NULL OR version = $3)");
    delete.Parameters.Add(new() { Value = id });
    delete.Parameters.Add(new() { Value = UserId(http) });
    delete.Parameters.Add(new() { Value = (object?)version ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
    if (version == -1 || await delete.ExecuteNonQueryAsync(http.RequestAborted) == 0)
    {
        http.Response.StatusCode = StatusCodes.Status404NotFound; // not what is measured
        return;
    }

    http.Response.ContentType = JsonContentType;
    await http.Response.Body.WriteAsync("{\"message\":\"Item deleted successfully\"}"u8.ToArray(), http.RequestAborted);
}).RequireAuthorization();

var signInBudget = int.Parse(settings["AUTH_RATE_LIMIT_PER_MINUTE"] ?? "10", System.Globalization.CultureInfo.InvariantCulture);
var tokenLifetime = TimeSpan.FromMinutes(int.Parse(settings["ACCESS_TOKEN_EXPIRE_MINUTES"] ?? "11520", System.Globalization.CultureInfo.InvariantCulture));
var tokens = new JsonWebTokenHandler();
app.MapPost("/api/v1/login/access-token", async (HttpContext http) =>
{
    var form = await http.Request.ReadFormAsync(http.RequestAborted);
    var email = form["username"].ToString().Trim();
    var password = form["password"].ToString();
    if (email.Length == 0 || password.Length == 0 || form["grant_type"] is { Count: > 0 } grant && grant != "password")
    {
        http.Response.StatusCode = StatusCodes.Status400BadRequest;
        return;
    }

    var client = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
    var now = DateTimeOffset.UtcNow;
    await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
    await using (var budget = new NpgsqlCommand(
        "INSERT INTO rate_limit_counters (partition_key, window_start, count) VALUES ($1, $2, 1) " +
        "ON CONFLICT (partition_key, window_start) DO UPDATE SET count = rate_limit_counters.count + 1 RETURNING count", connection)
    {
        Parameters = { new() { Value = $"auth:{client}" }, new() { Value = now.AddTicks(-(now.UtcTicks % TimeSpan.TicksPerMinute)) } },
    })
    {
        if (Convert.ToInt64(await budget.ExecuteScalarAsync(http.RequestAborted), System.Globalization.CultureInfo.InvariantCulture) > signInBudget)
        {
            http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return;
        }
    }

    var normalized = email.ToUpperInvariant();
    await using (var guesses = new NpgsqlCommand("SELECT hits, until_ticks FROM throttles WHERE key = $1 AND until_ticks > $2", connection)
    {
        Parameters = { new() { Value = $"password:{normalized}:{client}" }, new() { Value = now.UtcTicks } },
    })
    await using (var reader = await guesses.ExecuteReaderAsync(http.RequestAborted))
    {
        if (await reader.ReadAsync(http.RequestAborted) && reader.GetInt32(0) >= 5)
        {
            http.Response.StatusCode = StatusCodes.Status429TooManyRequests; // locked out: not what is measured
            return;
        }
    }

    Guid userId;
    await using (var account = new NpgsqlCommand("SELECT id, password_hash, is_active FROM users WHERE normalized_email = $1", connection)
    {
        Parameters = { new() { Value = normalized } },
    })
    await using (var reader = await account.ExecuteReaderAsync(http.RequestAborted))
    {
        if (!await reader.ReadAsync(http.RequestAborted) || reader.IsDBNull(1) || !reader.GetBoolean(2) || !PasswordMatches(reader.GetString(1), password))
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest; // a wrong password: not what is measured
            return;
        }

        userId = reader.GetGuid(0);
    }

    var sessionId = Guid.CreateVersion7();
    var secret = RandomNumberGenerator.GetBytes(32);
    await using (var session = new NpgsqlCommand(
        "INSERT INTO sessions (id, client_address, created_at, expires_at, last_used_at, refresh_expires_at, refresh_hash, user_agent, user_id) " +
        "VALUES ($1, $2, $3, $4, $3, $5, $6, $7, $8)", connection)
    {
        Parameters =
        {
            new() { Value = sessionId }, new() { Value = client }, new() { Value = now }, new() { Value = now.AddDays(30) },
            new() { Value = now.AddDays(14) }, new() { Value = SHA256.HashData(secret) },
            new() { Value = (object?)http.Request.Headers.UserAgent.ToString() ?? DBNull.Value }, new() { Value = userId },
        },
    })
    {
        await session.ExecuteNonQueryAsync(http.RequestAborted);
    }

    var accessToken = tokens.CreateToken(new SecurityTokenDescriptor
    {
        Issuer = "cleanapp",
        Audience = "cleanapp",
        IssuedAt = now.UtcDateTime,
        NotBefore = now.UtcDateTime,
        Expires = (now + tokenLifetime).UtcDateTime,
        Claims = new Dictionary<string, object>
        {
            [JwtRegisteredClaimNames.Sub] = userId.ToString(),
            ["sid"] = sessionId.ToString(),
            [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
        },
        SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
    });
    http.Response.ContentType = JsonContentType;
    http.Response.Headers.CacheControl = "no-store";
    await using var json = new Utf8JsonWriter(http.Response.BodyWriter);
    json.WriteStartObject();
    json.WriteString("access_token", accessToken);
    json.WriteString("token_type", "bearer");
    json.WriteNumber("expires_in", (long)tokenLifetime.TotalSeconds);
    json.WriteString("refresh_token", $"{sessionId:N}.{System.Buffers.Text.Base64Url.EncodeToString(secret)}");
    json.WriteEndObject();
    await json.FlushAsync(http.RequestAborted);
});

app.Run();

// ASP.NET Core Identity's stored password format 3: 0x01, the PRF, the iteration count, the salt's length (big-endian
// 32-bit numbers), the salt, then the PBKDF2 subkey.
static bool PasswordMatches(string stored, string password)
{
    var bytes = Convert.FromBase64String(stored);
    if (bytes.Length < 13 || bytes[0] != 0x01)
    {
        return false;
    }

    var prf = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(1));
    var iterations = (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5));
    var saltLength = (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(9));
    var salt = bytes.AsSpan(13, saltLength);
    var expected = bytes.AsSpan(13 + saltLength);
    var algorithm = prf switch { 0 => HashAlgorithmName.SHA1, 1 => HashAlgorithmName.SHA256, _ => HashAlgorithmName.SHA512 };
    var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, algorithm, expected.Length);
    return CryptographicOperations.FixedTimeEquals(actual, expected);
}

static Guid UserId(HttpContext http) => Guid.Parse(http.User.FindFirst(JwtRegisteredClaimNames.Sub)!.Value);

static async Task<byte[]> ReadBodyAsync(HttpContext http)
{
    using var body = new MemoryStream();
    await http.Request.Body.CopyToAsync(body, http.RequestAborted);
    return body.ToArray();
}

// The app's fingerprint of a keyed request: method, path and query, then the body.
static byte[] Fingerprint(HttpRequest request, byte[] body)
{
    using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    hash.AppendData(Encoding.UTF8.GetBytes($"{request.Method}\n{request.Path}{request.QueryString}\n"));
    hash.AppendData(body);
    return hash.GetHashAndReset();
}

// The version an If-Match names ("3"); null without one, -1 when it is not one quoted number.
static int? IfMatch(HttpRequest request) =>
    request.Headers.IfMatch.ToString() is not { Length: > 0 } value ? null
    : value is ['"', .. var number, '"'] && int.TryParse(number, System.Globalization.CultureInfo.InvariantCulture, out var version) ? version
    : -1;

static void WriteItem(Utf8JsonWriter json, NpgsqlDataReader reader) =>
    WriteItemFields(
        json, reader.GetGuid(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetGuid(3),
        reader.GetFieldValue<DateTimeOffset>(4), reader.IsDBNull(5) ? null : reader.GetGuid(5),
        reader.GetFieldValue<DateTimeOffset>(6), reader.IsDBNull(7) ? null : reader.GetGuid(7), reader.GetInt32(8));

static void WriteItemFields(
    Utf8JsonWriter json, Guid id, string title, string? description, Guid owner, DateTimeOffset createdAt, Guid? createdBy,
    DateTimeOffset updatedAt, Guid? updatedBy, int version)
{
    json.WriteStartObject();
    json.WriteString("id", id);
    json.WriteString("title", title);
    WriteStringOrNull(json, "description", description);
    json.WriteString("ownerId", owner);
    json.WriteString("createdAt", createdAt);
    WriteGuidOrNull(json, "createdBy", createdBy);
    json.WriteString("updatedAt", updatedAt);
    WriteGuidOrNull(json, "updatedBy", updatedBy);
    json.WriteNumber("version", version);
    json.WriteEndObject();
}

static void WriteStringOrNull(Utf8JsonWriter json, string name, string? value)
{
    if (value is null)
    {
        json.WriteNull(name);
    }
    else
    {
        json.WriteString(name, value);
    }
}

static void WriteGuidOrNull(Utf8JsonWriter json, string name, Guid? value)
{
    if (value is { } guid)
    {
        json.WriteString(name, guid);
    }
    else
    {
        json.WriteNull(name);
    }
}

internal sealed record ItemInput(string? Title, string? Description);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ItemInput))]
internal sealed partial class BaselineJson : JsonSerializerContext;
