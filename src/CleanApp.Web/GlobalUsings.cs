// The namespaces most of this project's files use, once.
global using CleanApp.Application.Common;
global using CleanApp.Application.Common.Abstractions;
global using CleanApp.Infrastructure.Configuration;
global using CleanApp.Web.Host.Configuration;
global using Mediator;
global using System.Text.Json;
