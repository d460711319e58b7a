using System.Security.Claims;
using CleanApp.Application.Auth;
using CleanApp.Domain.Users;
using CleanApp.Web.Endpoints;
using CleanApp.Web.Errors;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CleanApp.Web.Security;

/// <summary>
/// Bearer authentication. It only establishes who the caller is; what they may do is decided in one place, the
/// application's authorization behaviour.
/// </summary>
internal static class Authentication
{
    private const string ClientGone = "The client closed the request during the token check.";

    public static IServiceCollection AddBearerAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<SecuritySettings>((options, settings) =>
        {
            options.MapInboundClaims = false;
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = JwtAccessTokens.Issuer,
                ValidAudience = JwtAccessTokens.Issuer,
                IssuerSigningKey = JwtAccessTokens.SigningKey(settings),
                ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                ClockSkew = TimeSpan.FromSeconds(30),
                NameClaimType = JwtRegisteredClaimNames.Sub,
            };
            options.Events = new JwtBearerEvents { OnMessageReceived = IgnoreOutsideApi, OnTokenValidated = CheckUserAsync, OnChallenge = ChallengeAsync };
        });
        return services;
    }

    /// <summary>
    /// Only the API reads tokens: /health/live and /health/ready touch neither the token nor the database (its
    /// user check), whatever headers a probe or a proxy sends along.
    /// </summary>
    private static Task IgnoreOutsideApi(MessageReceivedContext context)
    {
        if (!context.Request.Path.StartsWithSegments(Api.BasePath, StringComparison.OrdinalIgnoreCase))
        {
            context.NoResult();
        }

        return Task.CompletedTask;
    }

    /// <summary>A route that needs a caller, called without a valid token: the same 401 problem details as everywhere.</summary>
    private static async Task ChallengeAsync(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        var http = context.HttpContext;
        if (http.RequestAborted.IsCancellationRequested)
        {
            // Nobody to answer: the request is logged as a client that closed it.
            http.Response.StatusCode = StatusCodes.Status499ClientClosedRequest;
            return;
        }

        http.Response.StatusCode = StatusCodes.Status401Unauthorized;
        http.Response.Headers.WWWAuthenticate = Unauthenticated.Challenge(http.Request);
        // TryWrite: a client that accepts no JSON still gets the 401 and its challenge, with an empty body.
        await http.RequestServices.GetRequiredService<IProblemDetailsService>()
            .TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = Unauthenticated.Problem() });
    }

    /// <summary>
    /// A valid signature is not enough: the user must still exist, and the session the token belongs to must be live
    /// (neither revoked nor ended), read in one round trip. Whether they are a superuser and still active, and the
    /// permissions their roles grant, are read now,
    /// not trusted from the token: the caller, as read, is kept with the request (<see cref="HttpCurrentUser"/>), never
    /// as claims a token could also carry.
    /// </summary>
    private static async Task CheckUserAsync(TokenValidatedContext context)
    {
        var identity = context.Principal?.Identity as ClaimsIdentity;
        if (identity is null || !Guid.TryParse(identity.FindFirst(JwtRegisteredClaimNames.Sub)?.Value, out var userId))
        {
            context.Fail("The token names no user.");
            return;
        }

        if (!Guid.TryParse(identity.FindFirst(JwtAccessTokens.SessionClaim)?.Value, out var sessionId))
        {
            context.Fail("The token names no session (issued before sessions: sign in again).");
            return;
        }

        var services = context.HttpContext.RequestServices;
        var users = services.GetRequiredService<ITokenUsers>();
        var aborted = context.HttpContext.RequestAborted;
        TokenUser? user;
        try
        {
            // A read, so safe to run again on a transient fault (a pooled connection may have died with a restart); the
            // last failure reaches the exception handler: 503.
            user = await TransientReadRetry.RunAsync(
                (users, userId, sessionId), static (state, token) => new ValueTask<TokenUser?>(state.users.FindAsync(state.userId, state.sessionId, token)),
                services.GetRequiredService<IFaultClassifier>(), aborted);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client went away. Not an error: failing here (rather than throwing, which the bearer handler logs as
            // one) ends the request, logged as 499 by the challenge.
            context.Fail(ClientGone);
            return;
        }

        if (user is null)
        {
            context.Fail("The user of this token no longer exists.");
            return;
        }

        if (!user.SessionIsLive)
        {
            context.Fail("The token's session was signed out, revoked or has ended.");
            return;
        }

        context.HttpContext.Features.Set(new UserIdentity(userId, user.IsSuperuser, user.IsActive, sessionId, user.Permissions, user.Roles));
    }
}
