using System.Net;
using CleanApp.Infrastructure.Persistence;
using CleanApp.Testing;
using CleanApp.Web.FunctionalTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Events;

namespace CleanApp.Web.FunctionalTests.Operations;

/// <summary>
/// A client that goes away mid-request (a browser navigating on, a closed tab) is not an error of the app: nothing is
/// logged above information, and the request is logged as 499.
/// </summary>
public class ClientAbortTests(ApiFixture api) : ApiTest<ApiFixture>(api)
{
    [Fact]
    public async Task A_client_gone_during_the_token_check_logs_no_error()
    {
        var token = await Api.TokenAsync(ApiFixture.AdminEmail, ApiFixture.AdminPassword);

        var logged = await AbortWhileWaitingAsync(db => db.Users.EntityType.GetTableName()!, "/api/v1/users/me", token);

        AssertNothingAboveInformation(logged);
        Assert.Contains(logged, e => IsRequestLine(e.Message, "/api/v1/users/me", "responded 499"));
    }

    [Fact]
    public async Task A_client_gone_while_its_query_runs_logs_no_error()
    {
        await Api.CreateUserAsync("reader@example.com", "reader-password");
        var token = await Api.TokenAsync("reader@example.com", "reader-password");

        var logged = await AbortWhileWaitingAsync(db => db.Items.EntityType.GetTableName()!, "/api/v1/items", token);

        AssertNothingAboveInformation(logged);
        Assert.Contains(logged, e => IsRequestLine(e.Message, "/api/v1/items", "responded 499"));
    }

    [Fact]
    public async Task A_signup_whose_client_goes_away_while_it_waits_is_carried_out_as_the_template_carries_it_out()
    {
        await using var scope = Api.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(Token);
#pragma warning disable EF1002 // the table name comes from the model, not from input
        await db.Database.ExecuteSqlRawAsync($"LOCK TABLE \"{db.Users.EntityType.GetTableName()}\" IN ACCESS EXCLUSIVE MODE", Token);
#pragma warning restore EF1002
        var before = Api.Log.Entries.Count();

        // A browser that navigates on right after the click, as the FastAPI template's frontend does.
        using var leaving = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var request = Api.Client().PostAsync(new Uri("/api/v1/users/signup", UriKind.Relative), System.Net.Http.Json.JsonContent.Create(new { email = "hasty@example.com", password = "hasty-password" }), leaving.Token);
        await Eventually.TrueAsync(async () => request.IsCompleted || await WaitingForALockAsync(db), "the signup to wait for the locked table");
        Assert.False(request.IsCompleted, "The signup did not wait for the locked table");
        await leaving.CancelAsync();
        await transaction.RollbackAsync(Token); // the signup can go on: it does, though nobody waits for it
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);

        await Eventually.TrueAsync(() => Api.Log.Messages.Skip(before).Any(m => IsRequestLine(m, "/api/v1/users/signup", "responded")), "the signup to be logged");
        Assert.Equal(HttpStatusCode.OK, (await Api.LoginAsync("hasty@example.com", "hasty-password")).StatusCode);
        AssertNothingAboveInformation([.. Api.Log.Entries.Skip(before)]);
    }

    /// <summary>
    /// Sends the request while another session holds the table it reads locked, waits until PostgreSQL shows the
    /// request's statement waiting for that lock, then cancels the request as a leaving client does, and answers
    /// everything logged from the request's start until it was logged as done.
    /// </summary>
    private async Task<List<CapturedLog.Entry>> AbortWhileWaitingAsync(Func<AppDbContext, string> table, string path, string token)
    {
        await using var scope = Api.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(Token);
#pragma warning disable EF1002 // the table name comes from the model, not from input
        await db.Database.ExecuteSqlRawAsync($"LOCK TABLE \"{table(db)}\" IN ACCESS EXCLUSIVE MODE", Token);
#pragma warning restore EF1002
        var before = Api.Log.Entries.Count();

        using var leaving = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var request = Api.Client(token).GetAsync(new Uri(path, UriKind.Relative), leaving.Token);
        await Eventually.TrueAsync(async () => request.IsCompleted || await WaitingForALockAsync(db), "the request to wait for the locked table");
        Assert.False(request.IsCompleted, $"The request did not wait for the locked table: {(request.IsCompletedSuccessfully ? $"{(int)request.Result.StatusCode} {await request.Result.Content.ReadAsStringAsync(Token)}" : request.Exception?.ToString())}");
        await leaving.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);
        await Eventually.TrueAsync(() => Api.Log.Messages.Skip(before).Any(m => IsRequestLine(m, path, "responded")), "the request to be logged");
        await transaction.RollbackAsync(Token);
        return [.. Api.Log.Entries.Skip(before)];
    }

    /// <summary>The request's log line, as rendered (string values quoted): HTTP "GET" "/path" responded 499 in ...</summary>
    private static bool IsRequestLine(string message, string path, string outcome) =>
        message.StartsWith("HTTP ", StringComparison.Ordinal) && message.Contains($"\"{path}\" {outcome}", StringComparison.Ordinal);

    private static void AssertNothingAboveInformation(List<CapturedLog.Entry> logged)
    {
        var loud = logged.Where(e => e.Level > LogEventLevel.Information).ToList();
        Assert.True(loud.Count == 0, $"Logged above information:\n{string.Join('\n', loud)}");
    }

    /// <summary>Whether another session waits for a lock (the snapshot of the activity view is dropped first: inside a transaction it would keep its first answer).</summary>
    private static async Task<bool> WaitingForALockAsync(AppDbContext db)
    {
        await db.Database.ExecuteSqlRawAsync("SELECT pg_stat_clear_snapshot()", TestContext.Current.CancellationToken);
        return await db.Database.SqlQueryRaw<int>(
            "SELECT count(*)::int AS \"Value\" FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()")
            .SingleAsync(TestContext.Current.CancellationToken) > 0;
    }
}
