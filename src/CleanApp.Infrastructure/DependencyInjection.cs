using CleanApp.Application.Auth;
using CleanApp.Application.Common.Events;
using CleanApp.Application.Common.Telemetry;
using CleanApp.Domain.Users;
using CleanApp.Infrastructure.Email;
using CleanApp.Infrastructure.Identity;
using CleanApp.Infrastructure.Identity.Sessions;
using CleanApp.Infrastructure.Persistence;
using CleanApp.Infrastructure.Persistence.Idempotency;
using CleanApp.Infrastructure.Persistence.Maintenance;
using CleanApp.Infrastructure.Persistence.Outbox;
using CleanApp.Infrastructure.Persistence.Seeding;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace CleanApp.Infrastructure;

public static class DependencyInjection
{
    /// <summary>
    /// Persistence on the configured provider, Identity's stores, the seeder and the database maintenance
    /// operations. Settings are read when first needed, from the configuration the host ends up with.
    /// </summary>
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, bool isDevelopment)
    {
        services.AddSettings((settings, _) => DatabaseSettings.Read(settings));
        services.AddSettings((settings, _) => SeedSettings.Read(settings, isDevelopment));
        services.AddSettings((settings, _) => BackupSettings.Read(settings));
        services.AddSettings((settings, _) => EmailSettings.Read(settings));
        services.AddSettings((settings, _) => PasswordResetSettings.Read(settings));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<AuditInterceptor>();
        services.TryAddSingleton<IWriteConditions, NoWriteConditions>(); // a web host states its requests' conditions (If-Match)
        // The provider's module (Persistence/Postgres or Persistence/Sqlite), chosen once from the settings: its pooled
        // contexts (a request rents one already built), its reads and its stores; every part that differs between the
        // two databases is asked of it.
        DatabaseProviderModule.AddModules(services, ConfigureContext);

        services.AddScoped<IUnitOfWork, UnitOfWork>();
        services.AddFeatureServices();
        services.AddScoped<ICredentials, Credentials>();
        services.AddScoped<IEmailVerifications, EmailVerifications>();
        services.AddScoped<CleanApp.Application.Mfa.IAuthenticators, Authenticators>();
        services.AddSingleton<CleanApp.Application.Mfa.IMfaTokens, MfaTokens>();
        services.AddSettings((settings, _) => SessionSettings.Read(settings));
        services.AddSingleton<UnknownUserHash>();

        services.AddSingleton<IEmailSender>(sp => sp.GetRequiredService<EmailSettings>().IsConfigured
            ? new SmtpEmailSender(sp.GetRequiredService<EmailSettings>())
            : new LogOnlyEmailSender(isDevelopment, sp.GetRequiredService<ILogger<LogOnlyEmailSender>>()));

        // Domain events: written to the outbox with the change that raised them, dispatched after it commits.
        services.AddSettings((settings, _) => OutboxSettings.Read(settings));
        services.TryAddSingleton(DomainEventHandlers.Of()); // none, unless the Application registered its handlers
        services.TryAddSingleton<AppTelemetry>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<OutboxWriter>();
        services.AddHostedService<OutboxDispatcher>();
        services.AddScoped<OutboxAdmin>();
        services.AddScoped<IOutbox, EventOutbox>();

        // Idempotency keys: a create retried with the same key answers as the first time, on any instance.
        services.AddSettings((settings, _) => IdempotencySettings.Read(settings));
        services.AddScoped<IIdempotencyKeys, IdempotencyKeys>();
        services.AddHostedService<ExpiredRows>();

        // Reset tokens are signed with DataProtection keys kept in the database, so any instance can check them.
        services.AddDataProtection().SetApplicationName("CleanApp").PersistKeysToDbContext<AppDbContext>();
        services.AddOptions<DataProtectionTokenProviderOptions>().Configure<PasswordResetSettings>((options, settings) =>
            options.TokenLifespan = settings.TokenLifetime);

        services
            .AddIdentityCore<ApplicationUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.User.AllowedUserNameCharacters = string.Empty; // the user name is the email, whatever it holds
                options.Password.RequiredLength = UserRules.PasswordMinLength;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                // Wrong passwords are counted per account and client by the use cases (ADR 0017), not by Identity's
                // per-account lockout, which anyone who knows an address could aim at its owner.
                options.Lockout.AllowedForNewUsers = false;
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders();

        services.AddScoped<DatabaseSeeder>();
        services.AddScoped<DatabaseBackups>();
        services.AddScoped<DatabaseMaintenance>();
        return services;
    }

    /// <summary>
    /// DataProtection loads its key ring when the host starts, which builds EF Core's model and queries the database
    /// before the first answer (and logs an error while the schema is not there yet). Reset tokens are the only users
    /// of the keys: they load them when first needed instead. Call last: AddAuthentication registers the loader again.
    /// </summary>
    public static IServiceCollection LoadDataProtectionKeysOnFirstUse(this IServiceCollection services)
    {
        // DataProtection's own hosted service (its one: internal, so known by its assembly rather than by name).
        var dataProtection = typeof(IDataProtectionBuilder).Assembly;
        foreach (var eagerLoad in services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.Assembly == dataProtection).ToList())
        {
            services.Remove(eagerLoad);
        }

        return services;
    }

    /// <summary>
    /// What a feature adds by adding files, found by convention in this assembly: each <c>XRepository</c> and
    /// <c>XQueries</c> for the Application's port of its name (<c>IXRepository</c>, <c>IXQueries</c>, beside the feature's
    /// use cases) unless the provider
    /// modules registered that port already (items' queries), and every feature's <see cref="ISampleData"/>.
    /// </summary>
    private static void AddFeatureServices(this IServiceCollection services)
    {
        foreach (var type in typeof(DependencyInjection).Assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false, IsGenericType: false }))
        {
            if ((type.Name.EndsWith("Repository", StringComparison.Ordinal) || type.Name.EndsWith("Queries", StringComparison.Ordinal))
                && type.GetInterface($"I{type.Name}") is { } port && port.Assembly == typeof(IUnitOfWork).Assembly)
            {
                services.TryAddScoped(port, type);
            }

            if (typeof(ISampleData).IsAssignableFrom(type))
            {
                services.AddScoped(typeof(ISampleData), type);
            }
        }
    }

    // Command interceptors a host registers (a tracer, a test's observer) see every statement of the app's contexts too.
    private static void ConfigureContext(IServiceProvider services, DbContextOptionsBuilder options) =>
        services.GetRequiredService<DatabaseProviderModule>().Configure(options, services)
            .AddInterceptors([services.GetRequiredService<AuditInterceptor>(), services.GetRequiredService<OutboxWriter>(), .. services.GetServices<IDbCommandInterceptor>()]);
}
