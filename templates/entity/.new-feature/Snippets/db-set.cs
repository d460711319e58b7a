    public DbSet<global::__SolutionName__.Domain.EntityPlural.EntityName> EntityPlural => Set<global::__SolutionName__.Domain.EntityPlural.EntityName>();

