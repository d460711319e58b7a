using System.Text.Json.Serialization;
using CleanApp.Application.Common.Paging;
using CleanApp.Application.Items;
using CleanApp.Application.Users;
using CleanApp.Web.Endpoints;

namespace CleanApp.Web.Json;

/// <summary>
/// The API's answers, written by code System.Text.Json generates at build time instead of from reflection
/// metadata: the same JSON, less work per response (the fast path applies while the options match these, which
/// <see cref="JsonSetup"/> keeps so). A new response type works without being listed here; list it to make it cheap.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(Page<ItemDto>))]
[JsonSerializable(typeof(ItemDto))]
[JsonSerializable(typeof(Page<UserDto>))]
[JsonSerializable(typeof(UserDto))]
[JsonSerializable(typeof(Confirmation))]
[JsonSerializable(typeof(Token))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
