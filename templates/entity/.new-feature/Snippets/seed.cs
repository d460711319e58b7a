            if (!await db.Set<global::__SolutionName__.Domain.EntityPlural.EntityName>().AnyAsync(e => e.OwnerId == superuser.Id, cancellationToken))
            {
                db.Set<global::__SolutionName__.Domain.EntityPlural.EntityName>().Add(global::__SolutionName__.Domain.EntityPlural.EntityName.Create(superuser.Id, "Sample EntityName"));
                await db.SaveChangesAsync(cancellationToken);
                progress?.Report("Seeding: a sample EntityName.");
            }

