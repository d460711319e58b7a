using CleanApp.Application.Common.Abstractions;
using CleanApp.Domain.Users;
using CleanApp.Infrastructure.Configuration;
using CleanApp.Infrastructure.Identity;
using CleanApp.Infrastructure.Persistence;
using CleanApp.Infrastructure.Persistence.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

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
            })
            .AddEntityFrameworkStores<AppDbContext>();

        services.AddScoped<DatabaseSeeder>();
        services.AddScoped<DatabaseMaintenance>();
        return services;
    }

    private static void ConfigureContext(IServiceProvider services, DbContextOptionsBuilder options) =>
        AppDbContextFactory.Configure(options, services.GetRequiredService<DatabaseSettings>())
            .AddInterceptors(services.GetRequiredService<CreatedAtInterceptor>());
}
