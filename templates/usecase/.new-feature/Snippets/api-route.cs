        new("HTTP_METHOD", "/api/v1/feature-route/use-case-route", "/api/v1/feature-route/use-case-route", REQUEST_BODY, 401, 200, 200, 200),
