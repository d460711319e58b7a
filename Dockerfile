# The API image; the same image runs the one-shot migrator (`db migrate`, `db seed`) in docker-compose.yml.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /source
# Restore first, from the project files only, so code changes reuse the cached packages.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/CleanApp.Domain/CleanApp.Domain.csproj src/CleanApp.Domain/
COPY src/CleanApp.Application/CleanApp.Application.csproj src/CleanApp.Application/
COPY src/CleanApp.Infrastructure/CleanApp.Infrastructure.csproj src/CleanApp.Infrastructure/
COPY src/CleanApp.Web/CleanApp.Web.csproj src/CleanApp.Web/
RUN dotnet restore src/CleanApp.Web/CleanApp.Web.csproj
COPY src/ src/
RUN dotnet publish src/CleanApp.Web/CleanApp.Web.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app ./
ENV ASPNETCORE_URLS=http://+:8000 \
    ASPNETCORE_ENVIRONMENT=Production
EXPOSE 8000
USER $APP_UID
ENTRYPOINT ["dotnet", "CleanApp.Web.dll"]
