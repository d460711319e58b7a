        api.MapEntityPlural();
