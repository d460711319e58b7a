using CleanApp.Application.Common.Security;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Xml.Linq;
using NetArchTest.Rules;

namespace CleanApp.ArchitectureTests;

/// <summary>
/// The architecture rules, each a function of what it inspects, so the tests can apply it to the real code and
/// to a canary that breaks it (proving the rule can fail).
/// </summary>
internal static partial class Rules
{
    /// <summary>What the domain may not use: our outer layers, and any framework or library.</summary>
    public static readonly string[] DomainMustNotUse =
    [
        "CleanApp.Application", "CleanApp.Infrastructure", "CleanApp.Web",
        "Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore", "Microsoft.Extensions",
        "Mediator", "FluentValidation", "Riok.Mapperly", "Npgsql", "Microsoft.Data.Sqlite", "Serilog",
    ];

    /// <summary>What the application layer may not use: the outer layers and the persistence or HTTP machinery.</summary>
    public static readonly string[] ApplicationMustNotUse =
    [
        "CleanApp.Infrastructure", "CleanApp.Web",
        "Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore", "Npgsql", "Microsoft.Data.Sqlite", "Serilog",
    ];

    /// <summary>The project references each layer may have: dependencies point inward only.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> AllowedProjectReferences = new Dictionary<string, string[]>
    {
        ["CleanApp.Domain"] = [],
        ["CleanApp.Application"] = ["CleanApp.Domain"],
        ["CleanApp.Infrastructure"] = ["CleanApp.Application", "CleanApp.Domain"],
        ["CleanApp.Web"] = ["CleanApp.Application", "CleanApp.Infrastructure", "CleanApp.Domain"],
    };

    /// <summary>
    /// Where the database provider may be compared: where the setting is read, and where its module is chosen (the
    /// composition root asks for that module). Everywhere else asks the module (Persistence/Postgres, Persistence/Sqlite).
    /// </summary>
    public static readonly string[] ProviderChoiceFiles =
    [
        "src/CleanApp.Infrastructure/Configuration/DatabaseSettings.cs",
        "src/CleanApp.Infrastructure/Persistence/DatabaseProviderModule.cs",
    ];

    /// <summary>The lines of C# sources (path relative to the repository, text) that compare the database provider, outside <see cref="ProviderChoiceFiles"/>.</summary>
    public static IReadOnlyList<string> ProviderComparisons(IEnumerable<(string Path, string Text)> sources) =>
        [.. sources
            .Where(source => !ProviderChoiceFiles.Contains(source.Path.Replace('\\', '/'), StringComparer.Ordinal))
            .SelectMany(source => source.Text.Split('\n').Select((line, index) => (source.Path, Line: index + 1, Text: line)))
            .Where(line => ProviderComparison().IsMatch(line.Text))
            .Select(line => $"{line.Path}:{line.Line}: {line.Text.Trim()}")];

    // A comparison with a provider value (==, !=, is, a switch arm, a case) or a switch on a .Provider property.
    [System.Text.RegularExpressions.GeneratedRegex(
        @"(==|!=|\bis\s+(not\s+)?|\bcase\s+)DatabaseProvider\.|DatabaseProvider\.\w+\s*(==|!=|=>|\bwhen\b|\bor\b|\band\b)|\.Provider\s*(==|!=|\bis\b|\bswitch\b)")]
    private static partial System.Text.RegularExpressions.Regex ProviderComparison();

    /// <summary>Where SQL may be written: the provider modules and the migrations (paths relative to the repository).</summary>
    public static readonly string[] SqlFolders =
    [
        "src/CleanApp.Infrastructure/Persistence/Postgres/",
        "src/CleanApp.Infrastructure/Persistence/Sqlite/",
        "src/CleanApp.Infrastructure/Persistence/Migrations/",
    ];

    /// <summary>
    /// Where the drivers' own types may be named: the provider modules and the migrations (as SQL may), where the
    /// connection strings are built from the settings, and the telemetry wiring (Npgsql's instrumentation).
    /// </summary>
    public static readonly string[] DriverFolders =
    [
        .. SqlFolders,
        "src/CleanApp.Infrastructure/Configuration/DatabaseSettings.cs",
        "src/CleanApp.Web/Host/Telemetry/TelemetrySetup.cs",
    ];

    /// <summary>The lines of C# sources that use Npgsql's or Microsoft.Data.Sqlite's namespace outside <see cref="DriverFolders"/>.</summary>
    public static IReadOnlyList<string> DriverUsesElsewhere(IEnumerable<(string Path, string Text)> sources) =>
        [.. sources
            .Where(source => !DriverFolders.Any(folder => source.Path.Replace('\\', '/').StartsWith(folder, StringComparison.Ordinal)))
            .SelectMany(source => source.Text.Split('\n').Select((line, index) => (source.Path, Line: index + 1, Text: line)))
            .Where(line => Driver().IsMatch(line.Text))
            .Select(line => $"{line.Path}:{line.Line}: {line.Text.Trim()}")];

    // A using of either driver's namespace (or an alias of it), or a type named through it.
    [System.Text.RegularExpressions.GeneratedRegex(@"\b(Npgsql|NpgsqlTypes|Microsoft\.Data\.Sqlite)(\.\w+)*\s*;|\b(Npgsql|NpgsqlTypes|Microsoft\.Data\.Sqlite)\.[A-Z]\w*")]
    private static partial System.Text.RegularExpressions.Regex Driver();

    /// <summary>The lines of C# sources that write SQL (a statement in a string, or EF Core's raw-SQL calls) outside <see cref="SqlFolders"/>.</summary>
    public static IReadOnlyList<string> SqlOutsideProviderModules(IEnumerable<(string Path, string Text)> sources) =>
        [.. sources
            .Where(source => !SqlFolders.Any(folder => source.Path.Replace('\\', '/').StartsWith(folder, StringComparison.Ordinal)))
            .SelectMany(source => source.Text.Split('\n').Select((line, index) => (source.Path, Line: index + 1, Text: line)))
            .Where(line => Sql().IsMatch(line.Text))
            .Select(line => $"{line.Path}:{line.Line}: {line.Text.Trim()}")];

    // A string that starts like a statement (in capitals, as SQL is written here), or a raw-SQL call of EF Core's.
    [System.Text.RegularExpressions.GeneratedRegex(
        @"""\s*(SELECT|INSERT\s+INTO|DELETE\s+FROM|UPDATE\s+\S+\s+SET|CREATE\s|DROP\s|ALTER\s|LOCK\s+TABLE|TRUNCATE\s|WITH\s+\w+\s+AS)\b|\b(SqlQueryRaw|SqlQuery|ExecuteSqlRaw|ExecuteSql|ExecuteSqlInterpolated|FromSqlRaw|FromSql)(Async)?\s*[<(]")]
    private static partial System.Text.RegularExpressions.Regex Sql();

    /// <summary>
    /// Web types outside its composition root (<c>Program</c> and the <c>Host</c> namespace under
    /// <paramref name="webNamespace"/>) that use Infrastructure: the endpoints, JSON, errors, OpenAPI and security reach
    /// the application through its ports only.
    /// </summary>
    public static IReadOnlyList<string> WebTypesUsingInfrastructure(Types types, string webNamespace) =>
        types.That().DoNotResideInNamespace($"{webNamespace}.Host").And().DoNotHaveName("Program")
            .ShouldNot().HaveDependencyOnAny("CleanApp.Infrastructure").GetResult().FailingTypeNames?.ToList() ?? [];

    /// <summary>Where a list's keyset condition ("after this creation time and id") is written: once for EF Core, once in SQL.</summary>
    public static readonly string[] KeysetFiles =
    [
        "src/CleanApp.Infrastructure/Persistence/OwnedLists.cs",
        "src/CleanApp.Infrastructure/Persistence/Postgres/PostgresReads.cs",
    ];

    /// <summary>The lines that write a keyset condition (in LINQ or in SQL) outside <see cref="KeysetFiles"/>.</summary>
    public static IReadOnlyList<string> KeysetConditionsElsewhere(IEnumerable<(string Path, string Text)> sources) =>
        [.. sources
            .Where(source => !KeysetFiles.Contains(source.Path.Replace('\\', '/')))
            .SelectMany(source => source.Text.Split('\n').Select((line, index) => (source.Path, Line: index + 1, Text: line)))
            .Where(line => Keyset().IsMatch(line.Text))
            .Select(line => $"{line.Path}:{line.Line}: {line.Text.Trim()}")];

    // "x.CreatedAt < ...", "CreatedAt == ... && x.Id.CompareTo(", or SQL's "(created_at, id) <".
    [System.Text.RegularExpressions.GeneratedRegex(@"\.CreatedAt\s*[<>]\s*\w|\.Id\.CompareTo\(|\(\s*created_at\s*,\s*id\s*\)\s*[<>]")]
    private static partial System.Text.RegularExpressions.Regex Keyset();

    /// <summary>The Application messages (commands and queries) each endpoint file (name, text) creates, by name.</summary>
    public static IReadOnlyList<(string File, string Message)> MessagesSent(IEnumerable<(string File, string Text)> files, IReadOnlyDictionary<string, string> featureOfMessage) =>
        [.. files.SelectMany(file => NewMessage().Matches(file.Text).Select(m => (file.File, Message: m.Groups[1].Value)))
            .Where(sent => featureOfMessage.ContainsKey(sent.Message))];

    /// <summary>
    /// The messages an endpoint file sends whose feature is not the file's name; a use case's own file (what
    /// cleanapp-usecase adds, <c>PlaceOrderEndpoint.cs</c>) sends only its own message.
    /// </summary>
    public static IReadOnlyList<string> MessagesOutsideTheirFeature(IEnumerable<(string File, string Text)> files, IReadOnlyDictionary<string, string> featureOfMessage) =>
        [.. MessagesSent(files, featureOfMessage)
            .Where(sent => featureOfMessage[sent.Message] != Path.GetFileNameWithoutExtension(sent.File)
                           && UseCaseOf(sent.Message) + "Endpoint" != Path.GetFileNameWithoutExtension(sent.File))
            .Select(sent => $"{sent.File}: {sent.Message} belongs to {featureOfMessage[sent.Message]}")];

    private static string UseCaseOf(string message) => message.EndsWith("Command", StringComparison.Ordinal) ? message[..^"Command".Length] : message[..^"Query".Length];

    [System.Text.RegularExpressions.GeneratedRegex(@"\bnew\s+(\w+(?:Command|Query))\b")]
    private static partial System.Text.RegularExpressions.Regex NewMessage();

    /// <summary>
    /// The shared ports (interfaces of <c>{root}.Common.Abstractions</c>) that one feature alone uses (the types of one
    /// <c>{root}.X</c> namespace outside Common): such a port belongs beside that feature's use cases. A port no feature
    /// uses is shared by the outer layers (the Web's idempotency and rate limits); one of several features is shared.
    /// </summary>
    public static IReadOnlyList<string> PortsOfOneFeature(Func<Types> types, string root) =>
        [.. types().That().ResideInNamespace(root + ".Common.Abstractions").And().AreInterfaces().GetTypes()
            .Select(port => (Port: port, Features: types().That().HaveDependencyOn(port.FullName).GetTypes()
                .Select(t => t.Namespace ?? string.Empty)
                .Where(ns => ns.StartsWith(root + ".", StringComparison.Ordinal) && !ns.StartsWith(root + ".Common", StringComparison.Ordinal))
                .Select(ns => ns[(root.Length + 1)..].Split('.')[0])
                .Distinct(StringComparer.Ordinal)
                .ToList()))
            .Where(p => p.Features.Count == 1)
            .Select(p => $"{p.Port.Name} is used by {p.Features[0]} alone: move it to {p.Features[0]}/")];

    /// <summary>The route names the FastAPI template's clients know, kept though no use case is named so.</summary>
    public static readonly string[] SpelledRouteNames = ["LoginAccessToken", "TestEmail", "HealthCheck", "CreatePrivateUser"];

    /// <summary>Route names written as strings in endpoint files (name, text) rather than derived from the use case (<c>.Sends&lt;GetItemQuery&gt;()</c>).</summary>
    public static IReadOnlyList<string> RouteNamesWrittenOut(IEnumerable<(string File, string Text)> files) =>
        [.. files.SelectMany(f => WithName().Matches(f.Text).Select(m => (f.File, Name: m.Groups[1].Value)))
            .Where(r => !SpelledRouteNames.Contains(r.Name, StringComparer.Ordinal))
            .Select(r => $"{r.File}: WithName(\"{r.Name}\"): name it after its use case with .Sends<{r.Name}Command>() or .Sends<{r.Name}Query>()")];

    [System.Text.RegularExpressions.GeneratedRegex(@"\.WithName\(""(\w+)""\)")]
    private static partial System.Text.RegularExpressions.Regex WithName();

    /// <summary>The types that use any of the given namespaces (by IL inspection).</summary>
    public static IReadOnlyList<string> TypesUsing(Types types, string[] namespaces) =>
        types.ShouldNot().HaveDependencyOnAny(namespaces).GetResult().FailingTypeNames?.ToList() ?? [];

    /// <summary>Assemblies the given one references that are not part of the base class library.</summary>
    public static IReadOnlyList<string> NonBclReferences(Assembly assembly) =>
        [.. assembly.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(name => !name.StartsWith("System", StringComparison.Ordinal) && name is not ("netstandard" or "mscorlib"))];

    /// <summary>Our assemblies the compiled <paramref name="assembly"/> references though its layer may not.</summary>
    public static IReadOnlyList<string> ForbiddenAssemblyReferences(string layer, Assembly assembly) =>
        [.. assembly.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(name => name.StartsWith("CleanApp.", StringComparison.Ordinal))
            .Except(AllowedProjectReferences[layer])];

    /// <summary>Mediator handlers and FluentValidation validators that are public (they must be internal).</summary>
    public static IReadOnlyList<string> PublicHandlersAndValidators(IEnumerable<Type> types) =>
        [.. types.Where(t => (IsHandler(t) || IsValidator(t)) && (t.IsPublic || t.IsNestedPublic)).Select(t => t.FullName!)];

    /// <summary>Messages (requests, commands, queries, notifications) that are not sealed or can change after creation.</summary>
    public static IReadOnlyList<string> MutableMessages(IEnumerable<Type> types) =>
        [.. types.Where(IsMessage).SelectMany(Mutations)];

    /// <summary>Project references that break the inward-only rule, read from a project file's XML.</summary>
    public static IReadOnlyList<string> ForbiddenProjectReferences(string project, string projectXml)
    {
        var document = XDocument.Parse(projectXml);
        var referenced = document.Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')))
            .ToList();
        if (!AllowedProjectReferences.TryGetValue(project, out var allowed))
        {
            return [$"{project} has no layer rule; add it to {nameof(AllowedProjectReferences)}"];
        }

        var violations = referenced.Except(allowed).Select(r => $"{project} references {r}").ToList();
        if (project == "CleanApp.Domain")
        {
            violations.AddRange(document.Descendants("PackageReference").Select(p => $"{project} references the package {p.Attribute("Include")?.Value}"));
        }

        return violations;
    }

    /// <summary>
    /// Messages that do not declare exactly one of [Anonymous], [SignedIn] or [RequiresPermission], or that need a
    /// permission the catalog does not have.
    /// </summary>
    public static IReadOnlyList<string> UndeclaredAccess(IEnumerable<Type> types, Func<string, bool> isKnownPermission) =>
        [.. types.Where(IsMessage).SelectMany(message =>
        {
            AccessDeclaration declared;
            try
            {
                declared = AccessDeclaration.Of(message);
            }
            catch (InvalidOperationException e)
            {
                return [e.Message];
            }

            return declared is { Access: Access.Permission, Permission: var permission } && !isKnownPermission(permission!)
                ? [$"{message.FullName} needs '{permission}', which is no permission of the catalog"]
                : Array.Empty<string>();
        })];

    private static bool IsHandler(Type type) =>
        !type.IsInterface && type.GetInterfaces().Any(i => i.Namespace == "Mediator" && i.Name.Contains("Handler", StringComparison.Ordinal));

    private static bool IsValidator(Type type) =>
        !type.IsAbstract && type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(FluentValidation.IValidator<>));

    private static bool IsMessage(Type type) =>
        !type.IsInterface && !type.IsAbstract && typeof(Mediator.IMessage).IsAssignableFrom(type);

    private static IEnumerable<string> Mutations(Type message)
    {
        const BindingFlags instance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
        if (!message.IsSealed)
        {
            yield return $"{message.FullName} is not sealed";
        }

        foreach (var field in message.GetFields(instance).Where(f => !f.IsInitOnly))
        {
            yield return $"{message.FullName}.{field.Name} is not readonly";
        }

        foreach (var property in message.GetProperties(instance).Where(p => p.SetMethod is { } set && !IsInitOnly(set)))
        {
            yield return $"{message.FullName}.{property.Name} has a setter";
        }
    }

    private static bool IsInitOnly(MethodInfo setter) =>
        setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit));
}
