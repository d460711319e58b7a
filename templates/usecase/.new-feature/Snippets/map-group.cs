        api.MapFeatureName();
