using System.Reflection;
using System.Text.Json.Serialization.Metadata;
using CleanApp.Application.Common.Paging;
using CleanApp.Application.Common.Security;
using CleanApp.Application.Items;
using CleanApp.Application.Roles;
using CleanApp.Application.Sessions;
using CleanApp.Application.Users;
using CleanApp.Web.Conditions;
using CleanApp.Web.Endpoints;
using CleanApp.Web.Host;
using CleanApp.Web.Idempotency;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;

namespace CleanApp.Web.OpenApi;

internal static class OpenApiSetup
{
    public const string SecurityScheme = "OAuth2PasswordBearer";

    /// <summary>Schema names as the FastAPI template's clients know them.</summary>
    private static readonly Dictionary<Type, string> SchemaNames = new()
    {
        [typeof(ItemDto)] = "ItemPublic",
        [typeof(Page<ItemDto>)] = "ItemsPublic",
        [typeof(UserDto)] = "UserPublic",
        [typeof(Page<UserDto>)] = "UsersPublic",
        [typeof(Confirmation)] = "Message",
        [typeof(NewPasswordBody)] = "NewPassword",
        [typeof(SessionDto)] = "SessionPublic",
        [typeof(RoleDto)] = "RolePublic",
        [typeof(PermissionDto)] = "PermissionPublic",
    };

    /// <summary>The snake_case profile's document, written by the build beside openapi.json (openapi_snake_case.json).</summary>
    public const string SnakeCaseDocument = "snake_case";

    /// <summary>
    /// The document at /openapi/v1.json, in the profile's spelling (API_JSON_NAMING). The build writes both: openapi.json
    /// (camelCase) and openapi_snake_case.json, whatever profile it runs with.
    /// </summary>
    public static IServiceCollection AddApiDocument(this IServiceCollection services)
    {
        services.AddOpenApi(options => Configure(options, snakeCase: null));
        if (OpenApiBuild.IsRunning)
        {
            services.AddOpenApi(SnakeCaseDocument, options => Configure(options, snakeCase: true));
        }

        return services;
    }

    /// <param name="options">The document's options.</param>
    /// <param name="snakeCase">True: always the snake_case profile's document; null: the running profile's.</param>
    private static void Configure(OpenApiOptions options, bool? snakeCase)
    {
        options.CreateSchemaReferenceId = type => IsOptional(type.Type)
            ? null
            : SchemaNames.TryGetValue(type.Type, out var name) ? name : OpenApiOptions.CreateDefaultSchemaReferenceId(type);
        options.AddDocumentTransformer((document, context, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "CleanApp API",
                Version = "v1",
                Description = "Sign in with POST /api/v1/login/access-token (OAuth2 password form), then send `Authorization: Bearer <access_token>`.",
            };
            // Relative: the API is wherever this document was fetched from (never the build machine's address).
            document.Servers = [new OpenApiServer { Url = "/", Description = "This server" }];
            document.Tags = new HashSet<OpenApiTag>
            {
                new() { Name = "login", Description = "Signing in and refreshing (sessions), signing out, the caller's sessions, checking a token, password recovery and reset." },
                new() { Name = "users", Description = "Accounts: signing up, the caller's own account, and managing everyone's (superusers)." },
                new() { Name = "items", Description = "Items a user owns; superusers see and change everyone's." },
                new() { Name = "utils", Description = "A health check for the API and a test email." },
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[SecurityScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.OAuth2,
                Description = "The bearer token from /api/v1/login/access-token.",
                Flows = new OpenApiOAuthFlows
                {
                    Password = new OpenApiOAuthFlow
                    {
                        TokenUrl = new Uri($"{Api.BasePath}/login/access-token", UriKind.Relative),
                        Scopes = new Dictionary<string, string>(),
                    },
                },
            };
            if (snakeCase ?? context.ApplicationServices.GetRequiredService<ApiJsonSettings>().IsSnakeCase)
            {
                FastApiCompatDocument.Apply(document);
            }

            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            // Public routes say so (an empty requirement), rather than leaving clients to guess.
            operation.Security = metadata.OfType<IAllowAnonymous>().Any()
                ? []
                : [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SecurityScheme, context.Document)] = [] }];
            if (snakeCase ?? context.ApplicationServices.GetRequiredService<ApiJsonSettings>().IsSnakeCase)
            {
                FastApiCompatDocument.UseTemplateStatusCodes(operation, creates: metadata.OfType<CreateRoute>().Any());
            }

            ConditionalHeaderDocs.Describe(
                operation, context.Document!, context.Description.HttpMethod, metadata.OfType<VersionedRoute>().Any(), metadata.OfType<IdempotentRoute>().Any());

            return Task.CompletedTask;
        });
        options.AddSchemaTransformer(async (schema, context, cancellationToken) =>
        {
            // A partial update's fields may be left out: none of its Optional<T> properties is required.
            if (schema.Required is { Count: > 0 } required)
            {
                foreach (var property in context.JsonTypeInfo.Properties.Where(p => IsOptional(p.PropertyType)))
                {
                    required.Remove(property.Name);
                }
            }

            if (!IsOptional(context.JsonTypeInfo.Type))
            {
                return;
            }

            // Optional<T> is T on the wire: describe it as T, nullable when T is (string? versus string).
            var inner = await context.GetOrCreateSchemaAsync(context.JsonTypeInfo.Type.GetGenericArguments()[0], null, cancellationToken);
            schema.Type = inner.Type;
            schema.Format = inner.Format;
            schema.Properties = null;
            schema.AdditionalPropertiesAllowed = true; // a plain value: "additionalProperties" says nothing about it
            schema.Description = null;
            if (context.JsonPropertyInfo?.AttributeProvider is PropertyInfo or ParameterInfo && IsNullableArgument(context.JsonPropertyInfo))
            {
                schema.Type |= JsonSchemaType.Null;
            }
        });
    }

    /// <summary>
    /// Adds the answers every endpoint of the group can give by its nature: 401 and 403 unless anonymous, 429 when
    /// rate-limited. Routes declare the rest (400, 404, 409, 503) themselves.
    /// </summary>
    public static TBuilder WithStandardResponses<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.Finally(endpoint =>
        {
            if (!endpoint.Metadata.OfType<IAllowAnonymous>().Any())
            {
                endpoint.Metadata.Add(Problem(StatusCodes.Status401Unauthorized));
                endpoint.Metadata.Add(Problem(StatusCodes.Status403Forbidden));
            }

            if (endpoint.Metadata.OfType<EnableRateLimitingAttribute>().Any())
            {
                endpoint.Metadata.Add(Problem(StatusCodes.Status429TooManyRequests));
            }
        });
        return builder;
    }

    private static ProducesResponseTypeMetadata Problem(int status) => new(status, typeof(ProblemDetails), ["application/problem+json"]);

    private static bool IsOptional(Type type) => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Optional<>);

    private static bool IsNullableArgument(JsonPropertyInfo property)
    {
        var nullability = new NullabilityInfoContext();
        var info = property.AttributeProvider switch
        {
            PropertyInfo p => nullability.Create(p),
            ParameterInfo p => nullability.Create(p),
            _ => null,
        };
        return info?.GenericTypeArguments is [{ ReadState: NullabilityState.Nullable }];
    }
}
