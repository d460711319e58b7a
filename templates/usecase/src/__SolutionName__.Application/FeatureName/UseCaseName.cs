namespace __SolutionName__.Application.FeatureName;

//#if (isCommand)
/// <summary>
/// TODO: what UseCaseName changes, and for whom. The record is the request (and the route's JSON body): add the fields
/// it needs. Who may send it is its attribute: [SignedIn] any active user, [RequiresPermission(...)] a holder of a
/// permission of the catalog (superusers hold every one), [Anonymous] anyone.
/// </summary>
//#if (needsPermission)
[RequiresPermission(UseCaseNamePermissions.Name)]
//#else
[SignedIn]
//#endif
public sealed record UseCaseNameCommand(string Name) : ICommand<UseCaseNameResult>;

/// <summary>TODO: what UseCaseName answers.</summary>
public sealed record UseCaseNameResult(string Message);

/// <summary>TODO: a rule per field; a failure is a 400 naming the field, before the handler runs.</summary>
internal sealed class UseCaseNameCommandValidator : AbstractValidator<UseCaseNameCommand>
{
    public UseCaseNameCommandValidator() => RuleFor(c => c.Name).NotEmpty().MaximumLength(255);
}

internal sealed class UseCaseNameCommandHandler(ICurrentUser currentUser) : ICommandHandler<UseCaseNameCommand, UseCaseNameResult>
{
    public ValueTask<UseCaseNameResult> Handle(UseCaseNameCommand command, CancellationToken cancellationToken)
    {
        // TODO: do the work: load what changes through a repository (a port beside this use case, I<Entity>Repository), let the domain decide,
        // save with IUnitOfWork, and answer what the client needs. Throw NotFoundException, ConflictException... for 404, 409.
        var caller = currentUser.Required();
        return ValueTask.FromResult(new UseCaseNameResult($"UseCaseName: {command.Name}, for {caller.Id}"));
    }
}
//#else
/// <summary>
/// TODO: what UseCaseName reads, and for whom. Add the parameters it needs (they become the route's query). Who may
/// send it is its attribute: [SignedIn] any active user, [RequiresPermission(...)] a holder of a permission of the
/// catalog (superusers hold every one), [Anonymous] anyone. A query is retried once on a passing database fault: keep it
/// free of side effects.
/// </summary>
//#if (needsPermission)
[RequiresPermission(UseCaseNamePermissions.Name)]
//#else
[SignedIn]
//#endif
public sealed record UseCaseNameQuery : IQuery<UseCaseNameResult>;

/// <summary>TODO: what UseCaseName answers.</summary>
public sealed record UseCaseNameResult(string Message);

/// <summary>TODO: a rule per parameter; a failure is a 400 naming it, before the handler runs.</summary>
internal sealed class UseCaseNameQueryValidator : AbstractValidator<UseCaseNameQuery>;

internal sealed class UseCaseNameQueryHandler(ICurrentUser currentUser) : IQueryHandler<UseCaseNameQuery, UseCaseNameResult>
{
    public ValueTask<UseCaseNameResult> Handle(UseCaseNameQuery query, CancellationToken cancellationToken)
    {
        // TODO: read what the caller may see (a query port beside this use case, implemented in Infrastructure).
        var caller = currentUser.Required();
        return ValueTask.FromResult(new UseCaseNameResult($"UseCaseName, for {caller.Id}"));
    }
}
//#endif
