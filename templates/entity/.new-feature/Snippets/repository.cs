        services.AddScoped<IEntityNameRepository, EntityNameRepository>();
