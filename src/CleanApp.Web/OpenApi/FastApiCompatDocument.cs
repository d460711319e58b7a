using Microsoft.OpenApi;

namespace CleanApp.Web.OpenApi;

/// <summary>
/// The OpenAPI document of the snake_case profile, as the FastAPI template's backend describes the same API
/// (../shared/spec/fastapi-compat.md): its paths (trailing slashes, <c>{user_id}</c>), operation ids
/// (<c>users-read_user_me</c>), snake_case property and query names, and its login form schema. A client generated
/// from it with the template's <c>generate-client</c> is the one the template's frontend already uses. The server
/// itself answers both path spellings: routing ignores a trailing slash, and a path parameter's name is only the
/// document's.
/// </summary>
internal static class FastApiCompatDocument
{
    public const string LoginFormSchema = "Body_login_login_access_token";

    /// <summary>Each operation's path and operation id in the template, by CleanApp's operation id.</summary>
    private static readonly Dictionary<string, (string Path, string OperationId)> Operations = new()
    {
        ["LoginAccessToken"] = ("/api/v1/login/access-token", "login-login_access_token"),
        ["TestToken"] = ("/api/v1/login/test-token", "login-test_token"),
        ["RecoverPassword"] = ("/api/v1/password-recovery/{email}", "login-recover_password"),
        ["ResetPassword"] = ("/api/v1/reset-password/", "login-reset_password"),
        ["RecoverPasswordHtmlContent"] = ("/api/v1/password-recovery-html-content/{email}", "login-recover_password_html_content"),
        ["ListUsers"] = ("/api/v1/users/", "users-read_users"),
        ["CreateUser"] = ("/api/v1/users/", "users-create_user"),
        ["GetCurrentUser"] = ("/api/v1/users/me", "users-read_user_me"),
        ["UpdateCurrentUser"] = ("/api/v1/users/me", "users-update_user_me"),
        ["DeleteCurrentUser"] = ("/api/v1/users/me", "users-delete_user_me"),
        ["ChangeCurrentUserPassword"] = ("/api/v1/users/me/password", "users-update_password_me"),
        ["Signup"] = ("/api/v1/users/signup", "users-register_user"),
        ["GetUser"] = ("/api/v1/users/{user_id}", "users-read_user_by_id"),
        ["UpdateUser"] = ("/api/v1/users/{user_id}", "users-update_user"),
        ["DeleteUser"] = ("/api/v1/users/{user_id}", "users-delete_user"),
        ["TestEmail"] = ("/api/v1/utils/test-email/", "utils-test_email"),
        ["HealthCheck"] = ("/api/v1/utils/health-check/", "utils-health_check"),
        ["ListItems"] = ("/api/v1/items/", "items-read_items"),
        ["CreateItem"] = ("/api/v1/items/", "items-create_item"),
        ["GetItem"] = ("/api/v1/items/{id}", "items-read_item"),
        ["UpdateItem"] = ("/api/v1/items/{id}", "items-update_item"),
        ["DeleteItem"] = ("/api/v1/items/{id}", "items-delete_item"),
        ["CreatePrivateUser"] = ("/api/v1/private/users/", "private-create_user"),
    };

    private static readonly JsonNamingPolicy Snake = JsonNamingPolicy.SnakeCaseLower;

    public static void Apply(OpenApiDocument document)
    {
        var paths = new OpenApiPaths();
        foreach (var (path, item) in document.Paths)
        {
            foreach (var (method, operation) in item.Operations ?? [])
            {
                var (newPath, operationId) = operation.OperationId is { } id && Operations.TryGetValue(id, out var known)
                    ? known
                    : (path, operation.OperationId);
                operation.OperationId = operationId;
                foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>())
                {
                    // Query names in snake_case (emailTo → email_to); a path parameter takes the template path's name; a
                    // header keeps its HTTP name (If-Match).
                    parameter.Name = parameter.In switch
                    {
                        ParameterLocation.Header => parameter.Name,
                        ParameterLocation.Path when newPath.Contains("{user_id}", StringComparison.Ordinal) => "user_id",
                        _ => Snake.ConvertName(parameter.Name!),
                    };
                    parameter.Description = parameter.Description?.Replace("nextCursor", "next_cursor", StringComparison.Ordinal);
                }

                if (operationId == "login-login_access_token")
                {
                    UseLoginFormSchema(document, operation);
                }

                if (!paths.TryGetValue(newPath, out var target))
                {
                    target = new OpenApiPathItem { Operations = [] };
                    paths[newPath] = target;
                }

                target.Operations![method] = operation;
            }
        }

        document.Paths = paths;
        foreach (var schema in (document.Components?.Schemas?.Values ?? []).OfType<OpenApiSchema>())
        {
            SnakeCaseProperties(schema);
        }
    }

    /// <summary>
    /// The profile's status codes (<see cref="Host.Configuration.ApiJsonSettings.InvalidInputStatus"/>,
    /// <see cref="Endpoints.CreateRoutes.CreatesResource"/>): invalid input is 422; a create answers 200, and 400 for
    /// a duplicate.
    /// </summary>
    public static void UseTemplateStatusCodes(OpenApiOperation operation, bool creates)
    {
        if (operation.Responses is not { } responses)
        {
            return;
        }

        Move(responses, "400", "422", "Validation Error");
        if (creates)
        {
            Move(responses, "201", "200", "Successful Response");
            Move(responses, "409", "400", "Bad Request");
        }
    }

    private static void Move(OpenApiResponses responses, string from, string to, string description)
    {
        if (responses.Remove(from, out var response))
        {
            if (response is OpenApiResponse concrete)
            {
                concrete.Description = description;
            }

            responses[to] = response;
        }
    }

    /// <summary>The template's login form: a named schema, form-urlencoded only, with OAuth2's optional fields.</summary>
    private static void UseLoginFormSchema(OpenApiDocument document, OpenApiOperation operation)
    {
        if (operation.RequestBody is not OpenApiRequestBody body || body.Content is null
            || !body.Content.TryGetValue("application/x-www-form-urlencoded", out var form) || form.Schema is not OpenApiSchema schema)
        {
            return;
        }

        // One flat object, as the template declares it (ASP.NET Core describes each form parameter as an allOf part).
        var flat = new OpenApiSchema { Type = JsonSchemaType.Object, Properties = new Dictionary<string, IOpenApiSchema>(), Required = schema.Required };
        foreach (var part in (schema.AllOf ?? []).Append(schema).OfType<OpenApiSchema>())
        {
            foreach (var (name, property) in part.Properties ?? new Dictionary<string, IOpenApiSchema>())
            {
                flat.Properties[name] = property;
            }
        }

        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[LoginFormSchema] = flat;
        body.Content = new Dictionary<string, OpenApiMediaType>
        {
            ["application/x-www-form-urlencoded"] = new() { Schema = new OpenApiSchemaReference(LoginFormSchema, document) },
        };
    }

    private static void SnakeCaseProperties(OpenApiSchema schema)
    {
        if (schema.Properties is { Count: > 0 } properties)
        {
            schema.Properties = properties.ToDictionary(p => Snake.ConvertName(p.Key), p => p.Value);
            foreach (var inner in schema.Properties.Values.OfType<OpenApiSchema>())
            {
                SnakeCaseProperties(inner);
            }
        }

        // Properties the schema does not list are ignored in this profile, as by the template's models: no
        // "additionalProperties": false.
        schema.AdditionalPropertiesAllowed = true;
        if (schema.Required is { Count: > 0 } required)
        {
            schema.Required = required.Select(Snake.ConvertName).ToHashSet();
        }

        if (schema.Items is OpenApiSchema items)
        {
            SnakeCaseProperties(items);
        }

        if (schema.Description is { } description)
        {
            schema.Description = description.Replace("nextCursor", "next_cursor", StringComparison.Ordinal);
        }
    }
}
