using CleanApp.Application.Common.Abstractions;
using CleanApp.Domain.Users;
using CleanApp.Infrastructure.Configuration;
using CleanApp.Infrastructure.Email;
using CleanApp.Infrastructure.Identity;
using CleanApp.Infrastructure.Persistence;
using CleanApp.Infrastructure.Persistence.Maintenance;
using CleanApp.Infrastructure.Persistence.Seeding;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace CleanApp.Infrastructure;

public static class DependencyInjection
{
    /// <summary>
    /// Persistence on the configured provider, Identity's stores, the seeder and the database maintenance
    /// operations. Settings are read when first needed, from the configuration the host ends up with.
    /// </summary>
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, bool isDevelopment)
    {
        services.AddSingleton(sp => DatabaseSettings.FromConfiguration(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton(sp => SeedSettings.FromConfiguration(sp.GetRequiredService<IConfiguration>(), isDevelopment));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<CreatedAtInterceptor>();
        services.AddDbContext<PostgresAppDbContext>(ConfigureContext);
        services.AddDbContext<SqliteAppDbContext>(ConfigureContext);
        services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<DatabaseSettings>().Provider == DatabaseProvider.Postgres
            ? sp.GetRequiredService<PostgresAppDbContext>()
            : sp.GetRequiredService<SqliteAppDbContext>());

        services.AddScoped<IItemRepository, ItemRepository>();
        services.AddScoped<IUnitOfWork, UnitOfWork>();
        services.AddScoped<IUserAccounts, UserAccounts>();

        services.AddSingleton(sp => EmailSettings.FromConfiguration(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton<IEmailSender>(sp => sp.GetRequiredService<EmailSettings>().IsConfigured
            ? new SmtpEmailSender(sp.GetRequiredService<EmailSettings>())
            : new LogOnlyEmailSender(isDevelopment, sp.GetRequiredService<ILogger<LogOnlyEmailSender>>()));

        // Reset tokens are signed with DataProtection keys kept in the database, so any instance can check them.
        services.AddDataProtection().SetApplicationName("CleanApp").PersistKeysToDbContext<AppDbContext>();
        services.AddOptions<DataProtectionTokenProviderOptions>().Configure<IConfiguration>((options, configuration) =>
            options.TokenLifespan = TimeSpan.FromHours(ResetTokenHours(configuration)));

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
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders();

        services.AddScoped<DatabaseSeeder>();
        services.AddScoped<DatabaseBackups>();
        services.AddScoped<DatabaseMaintenance>();
        return services;
    }

    /// <summary>How long a password reset link works: <c>EMAIL_RESET_TOKEN_EXPIRE_HOURS</c>, default 48.</summary>
    private static int ResetTokenHours(IConfiguration configuration)
    {
        var value = configuration["EMAIL_RESET_TOKEN_EXPIRE_HOURS"];
        if (string.IsNullOrWhiteSpace(value))
        {
            return 48;
        }

        return int.TryParse(value, out var hours) && hours > 0
            ? hours
            : throw new InvalidSettingException("EMAIL_RESET_TOKEN_EXPIRE_HOURS", $"'{value}' is not a number of hours.", "Set it to a whole number above 0, e.g. 48.");
    }

    private static void ConfigureContext(IServiceProvider services, DbContextOptionsBuilder options) =>
        AppDbContextFactory.Configure(options, services.GetRequiredService<DatabaseSettings>())
            .AddInterceptors(services.GetRequiredService<CreatedAtInterceptor>());
}
