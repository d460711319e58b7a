using FluentValidation.Results;

namespace CleanApp.Application.Common.Behaviours;

/// <summary>
/// Runs every validator of the message before its handler; any failure stops the request. Validators whose rules are
/// all synchronous (every one in this solution) run synchronously, and a valid message goes on to its handler without
/// a state machine of ours around it. A message type with an asynchronous rule (<c>MustAsync</c>) is validated
/// asynchronously from its first use on.
/// </summary>
internal sealed class ValidationBehaviour<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    /// <summary>Set once a validator of <typeparamref name="TMessage"/> has refused to run synchronously.</summary>
    private static bool hasAsyncRules;

    public ValueTask<TResponse> Handle(
        TMessage message,
        MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref hasAsyncRules))
        {
            return ValidateAsyncThenHandle(message, next, cancellationToken);
        }

        List<ValidationFailure>? failures = null;
        try
        {
            foreach (var validator in validators)
            {
                Collect(validator.Validate(message), ref failures);
            }
        }
        catch (AsyncValidatorInvokedSynchronouslyException)
        {
            Volatile.Write(ref hasAsyncRules, true);
            return ValidateAsyncThenHandle(message, next, cancellationToken);
        }

        return failures is null ? next(message, cancellationToken) : throw new ValidationException(failures);
    }

    private async ValueTask<TResponse> ValidateAsyncThenHandle(
        TMessage message,
        MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken)
    {
        List<ValidationFailure>? failures = null;
        foreach (var validator in validators)
        {
            Collect(await validator.ValidateAsync(message, cancellationToken), ref failures);
        }

        if (failures is not null)
        {
            throw new ValidationException(failures);
        }

        return await next(message, cancellationToken);
    }

    private static void Collect(ValidationResult result, ref List<ValidationFailure>? failures)
    {
        if (!result.IsValid)
        {
            (failures ??= []).AddRange(result.Errors);
        }
    }
}
