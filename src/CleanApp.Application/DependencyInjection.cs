using CleanApp.Application.Common.Behaviours;
using CleanApp.Application.Common.Events;
using CleanApp.Application.Common.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CleanApp.Application;

public static class DependencyInjection
{
    /// <summary>
    /// The mediator (generated here, where the internal handlers are visible), its pipeline — commands carried out
    /// whether or not their caller waits, logging and a span per message, timing, then authorization, then validation, then a retry of queries on transient faults — and every validator of this assembly (singletons: they are stateless).
    /// </summary>
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        services.AddMediator((MediatorOptions options) =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.Assemblies = [typeof(DependencyInjection)];
        });
        // The pipeline, outermost first. The behaviours hold no per-request state (authorization reads the caller through
        // ICurrentUser, which a host registers as a singleton over its ambient request): one of each for the app's
        // lifetime, so a message resolves none of them from the request's scope.
        services.AddSingleton(typeof(IPipelineBehavior<,>), typeof(CommandCompletionBehaviour<,>));
        services.AddSingleton(typeof(IPipelineBehavior<,>), typeof(TracingBehaviour<,>));
        services.AddSingleton(typeof(IPipelineBehavior<,>), typeof(LoggingBehaviour<,>));
        services.AddSingleton(typeof(IPipelineBehavior<,>), typeof(AuthorizationBehaviour<,>));
        services.AddSingleton(typeof(IPipelineBehavior<,>), typeof(ValidationBehaviour<,>));
        services.AddSingleton(typeof(IPipelineBehavior<,>), typeof(QueryRetryBehaviour<,>));
        // Validators hold no state: one of each for the app's lifetime, not one per request (building one compiles its rules).
        services.AddValidatorsFromAssemblyContaining(typeof(DependencyInjection), ServiceLifetime.Singleton, includeInternalTypes: true);
        // The handlers of domain events (run by the outbox's dispatcher after the change commits), found in this assembly.
        services.AddSingleton(DomainEventHandlers.Register(services, typeof(DependencyInjection).Assembly));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AppTelemetry>();
        services.AddScoped<Auth.PasswordGuesses>();
        services.AddScoped<Mfa.PasswordCheck>();
        services.AddScoped<Mfa.SecondStep>();
        services.AddScoped<Mfa.OwnerProof>();
        return services;
    }
}
