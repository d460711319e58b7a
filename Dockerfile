# The API image; the same image runs the one-shot migrator (`db migrate`, `db seed`) and `db backup` in docker-compose.yml.
ARG PG_MAJOR=17

# The SDK runs on the builder's own platform and publishes for the image's (TARGETARCH: amd64 or arm64), ReadyToRun
# (CleanApp.Web.csproj: a publish for a runtime), as build/bench.sh measures it.
FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG TARGETARCH
WORKDIR /source
# Restore first, from the project files only, so code changes reuse the cached packages.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/CleanApp.Domain/CleanApp.Domain.csproj src/CleanApp.Domain/
COPY src/CleanApp.Application/CleanApp.Application.csproj src/CleanApp.Application/
COPY src/CleanApp.Infrastructure/CleanApp.Infrastructure.csproj src/CleanApp.Infrastructure/
COPY src/CleanApp.Web/CleanApp.Web.csproj src/CleanApp.Web/
RUN dotnet restore src/CleanApp.Web/CleanApp.Web.csproj -a "$TARGETARCH"
COPY src/ src/
# OpenApiGenerateDocuments=false: the build would run the app to write openapi.json, which the repository already holds
# (a test keeps it current), and which cannot run when publishing for another architecture.
RUN dotnet publish src/CleanApp.Web/CleanApp.Web.csproj -c Release -a "$TARGETARCH" --self-contained false \
    -p:OpenApiGenerateDocuments=false -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0
ARG PG_MAJOR
# pg_dump and pg_restore for `db backup` / `db restore`, from PostgreSQL's own repository: they must be at least as
# new as the server (PG_MAJOR, the version docker-compose.yml runs).
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates curl \
 && install -d /usr/share/postgresql-common/pgdg \
 && curl -fsSL -o /usr/share/postgresql-common/pgdg/apt.postgresql.org.asc https://www.postgresql.org/media/keys/ACCC4CF8.asc \
 && . /etc/os-release \
 && echo "deb [signed-by=/usr/share/postgresql-common/pgdg/apt.postgresql.org.asc] https://apt.postgresql.org/pub/repos/apt ${VERSION_CODENAME}-pgdg main" \
    > /etc/apt/sources.list.d/pgdg.list \
 && apt-get update \
 && apt-get install -y --no-install-recommends "postgresql-client-${PG_MAJOR}" \
 && apt-get purge -y curl \
 && apt-get autoremove -y \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app ./
RUN mkdir -p /backups && chown "$APP_UID" /backups
# DOTNET_GCgen0size: a 16 MB gen0 budget (hex). The app allocates about 40 KB per listing request; with the default
# budget (a few MB, from the CPU's cache size) the GC ran 20-30 times a second at 3,000 req/s, each time stopping every
# thread. 16 MB: about 8% less CPU per request (4-14% across runs) for about 12 MB more memory (docs/performance.md).
# build/bench.sh runs the app and its baseline with the DOTNET_ settings of this line.
ENV ASPNETCORE_URLS=http://+:8000 \
    ASPNETCORE_ENVIRONMENT=Production \
    BACKUP_DIR=/backups \
    DOTNET_GCgen0size=0x1000000
EXPOSE 8000
USER $APP_UID
ENTRYPOINT ["dotnet", "CleanApp.Web.dll"]
