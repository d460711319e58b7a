//#if (isCommand)
        routes.MapPost("/use-case-route", UseCaseNameAsync).WithName("UseCaseName").WithSummary("TODO: what UseCaseName does").ProducesValidationProblem();
//#else
        routes.MapGet("/use-case-route", UseCaseNameAsync).WithName("UseCaseName").WithSummary("TODO: what UseCaseName reads").ProducesValidationProblem();
//#endif
