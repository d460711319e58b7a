// The namespaces most of this project's files use, once.
global using CleanApp.Application.Common;
global using CleanApp.Application.Common.Abstractions;
global using CleanApp.Application.Common.Errors;
global using CleanApp.Application.Common.Security;
global using CleanApp.Application.Common.Validation;
global using FluentValidation;
global using Mediator;
