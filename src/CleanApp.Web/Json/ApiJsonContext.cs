using System.Text.Json.Serialization;
using CleanApp.Application.Common.Paging;
using CleanApp.Application.Common.Security;
using CleanApp.Application.Items;
using CleanApp.Application.Roles;
using CleanApp.Application.Sessions;
using CleanApp.Application.Users;
using CleanApp.Web.Endpoints;
using CleanApp.Web.Host.Health;

namespace CleanApp.Web.Json;

/// <summary>
/// The API's answers and request bodies, with metadata System.Text.Json generates at build time instead of building it
/// from reflection when each route is set up: the same JSON, a shorter start (reflection metadata for the bodies alone
/// took about 40 ms of it), less work per response (the answers' fast path applies while the options match these,
/// which <see cref="JsonSetup"/> keeps so). A new type works without being listed here; list it to make it cheap.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(Page<ItemDto>))]
[JsonSerializable(typeof(ItemDto))]
[JsonSerializable(typeof(Page<UserDto>))]
[JsonSerializable(typeof(UserDto))]
[JsonSerializable(typeof(Confirmation))]
[JsonSerializable(typeof(Token))]
[JsonSerializable(typeof(RoleDto))]
[JsonSerializable(typeof(IReadOnlyList<RoleDto>))]
[JsonSerializable(typeof(IReadOnlyList<PermissionDto>))]
[JsonSerializable(typeof(IReadOnlyList<SessionDto>))]
[JsonSerializable(typeof(HealthAnswer))]
[JsonSerializable(typeof(ItemCreate))]
[JsonSerializable(typeof(ItemUpdate))]
[JsonSerializable(typeof(UserCreate))]
[JsonSerializable(typeof(UserRegister))]
[JsonSerializable(typeof(UserUpdateMe))]
[JsonSerializable(typeof(UserUpdate))]
[JsonSerializable(typeof(UpdatePassword))]
[JsonSerializable(typeof(PrivateUserCreate))]
[JsonSerializable(typeof(NewPasswordBody))]
[JsonSerializable(typeof(RevertEmailBody))]
[JsonSerializable(typeof(VerifyEmailBody))]
[JsonSerializable(typeof(TotpStart))]
[JsonSerializable(typeof(TotpConfirm))]
[JsonSerializable(typeof(TotpCheck))]
[JsonSerializable(typeof(CleanApp.Application.Mfa.TotpSetup))]
[JsonSerializable(typeof(CleanApp.Application.Mfa.RecoveryCodeSet))]
[JsonSerializable(typeof(RoleCreate))]
[JsonSerializable(typeof(RoleUpdate))]
[JsonSerializable(typeof(UserRolesUpdate))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
