// The namespaces most of this project's files use, once.
global using CleanApp.Application.Common.Abstractions;
global using CleanApp.Infrastructure.Configuration;
global using Microsoft.AspNetCore.Identity;
global using Microsoft.EntityFrameworkCore;
global using Microsoft.EntityFrameworkCore.Metadata.Builders;
global using Microsoft.Extensions.DependencyInjection;
global using Microsoft.Extensions.Logging;
