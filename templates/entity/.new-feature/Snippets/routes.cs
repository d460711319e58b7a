        routes.MapGet("/", GetEntityPluralAsync).WithName("GetEntityPlural").WithSummary("List the caller's EntityPlural (a superuser: everyone's), newest first").ProducesValidationProblem();
        routes.MapPost("/", CreateEntityNameAsync).WithName("CreateEntityName").WithSummary("Create an EntityName owned by the caller").ProducesValidationProblem().CreatesResource();
        routes.MapGet("/{id}", GetEntityNameAsync).WithName("GetEntityName").WithSummary("Read an EntityName").ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        routes.MapPut("/{id}", UpdateEntityNameAsync).WithName("UpdateEntityName").WithSummary("Rename an EntityName").ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        routes.MapDelete("/{id}", DeleteEntityNameAsync).WithName("DeleteEntityName").WithSummary("Delete an EntityName").ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
