using System.Net;
using CleanApp.Application.Common;
using CleanApp.Application.Common.Paging;
using CleanApp.Application.Items;
using CleanApp.Application.Users;
using CleanApp.Web.FunctionalTests.Infrastructure;

namespace CleanApp.Web.FunctionalTests.Features.Users;

public class UsersTests(ApiFixture api) : ApiTest<ApiFixture>(api)
{
    [Fact]
    public async Task A_superuser_lists_every_user_newest_first_with_the_total_count()
    {
        foreach (var name in new[] { "u1", "u2", "u3" })
        {
            await Api.CreateUserAsync($"{name}@example.com");
        }

        var admin = await Api.AdminAsync();
        var firstPage = await admin.Get("/api/v1/users?skip=0&limit=2").ReadAsync<Page<UserDto>>();
        var secondPage = await admin.Get("/api/v1/users?skip=2&limit=2").ReadAsync<Page<UserDto>>();

        Assert.Equal(4, firstPage.Count);
        Assert.Equal(["u3@example.com", "u2@example.com"], firstPage.Data.Select(u => u.Email));
        Assert.Equal(["u1@example.com", ApiFixture.AdminEmail], secondPage.Data.Select(u => u.Email));
    }

    [Fact]
    public async Task A_normal_user_may_not_list_users()
    {
        await Api.CreateUserAsync("plain@example.com");

        var response = await (await Api.SignedInAsync("plain@example.com", "user-password-1")).Get("/api/v1/users");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("The user doesn't have enough privileges", (await response.ProblemAsync()).Detail);
    }

    [Fact]
    public async Task A_superuser_creates_users_who_can_sign_in_and_a_taken_email_is_409_whatever_its_case()
    {
        var admin = await Api.AdminAsync();

        var created = await admin.PostJson("/api/v1/users", new { email = "new@example.com", password = "new-password", fullName = "New One", isSuperuser = true });
        var body = await created.ReadAsync<UserDto>();
        var again = await admin.PostJson("/api/v1/users", new { email = "NEW@Example.com", password = "other-password" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/api/v1/users/{body.Id}", created.Headers.Location?.OriginalString);
        Assert.Equal(("new@example.com", "New One", true, true), (body.Email, body.FullName, body.IsActive, body.IsSuperuser));
        Assert.Equal(HttpStatusCode.OK, (await Api.LoginAsync("new@example.com", "new-password")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("The user with this email already exists in the system", (await again.ProblemAsync()).Detail);
    }

    [Fact]
    public async Task Signup_refuses_a_body_that_asks_for_rights_naming_the_field_and_creates_nobody()
    {
        var response = await Api.Client().PostJson("/api/v1/users/signup",
            new { email = "joiner@example.com", password = "joiner-password", fullName = "Joiner", isSuperuser = true });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Unknown property 'isSuperuser'", (await response.ProblemAsync()).Detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await Api.LoginAsync("joiner@example.com", "joiner-password")).StatusCode);
    }

    [Fact]
    public async Task Signup_makes_an_active_normal_user()
    {
        var response = await Api.Client().PostJson("/api/v1/users/signup", new { email = "joiner@example.com", password = "joiner-password", fullName = "Joiner" });
        var body = await response.ReadAsync<UserDto>();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(("Joiner", false, true), (body.FullName, body.IsSuperuser, body.IsActive));
        var signedIn = await Api.SignedInAsync("joiner@example.com", "joiner-password");
        Assert.Equal(HttpStatusCode.Forbidden, (await signedIn.Get("/api/v1/users")).StatusCode);
    }

    [Fact]
    public async Task An_account_an_administrator_opens_is_welcomed_by_mail_once_committed_and_a_signup_mails_nobody()
    {
        var admin = await Api.AdminAsync();

        Assert.Equal(HttpStatusCode.Created, (await Api.Client().PostJson("/api/v1/users/signup", new { email = "joiner@example.com", password = "joiner-password" })).StatusCode);
        await admin.PostJson("/api/v1/users", new { email = "made@example.com", password = "made-password-1" });
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostJson("/api/v1/users", new { email = "made@example.com", password = "made-password-2" })).StatusCode);
        // The FastAPI template mails the accounts a superuser creates, never a signup: its frontend's tests read the
        // newest mail to a new address and expect what they asked for next, the reset link. One worker sends the
        // outbox in order, so a welcome for the signup would arrive before this.
        await Api.Client().Post("/api/v1/password-recovery/joiner@example.com");

        var mail = await Api.Mail.WaitForAsync(2);
        Assert.Equal(
            [("joiner@example.com", false), ("made@example.com", true)],
            mail.Select(m => (m.To.Mailboxes.Single().Address, (m.Subject ?? string.Empty).Contains("New account", StringComparison.Ordinal))).Order());
        Assert.All(mail, m => Assert.DoesNotContain("made-password", m.TextBody, StringComparison.OrdinalIgnoreCase));
        // A message per account and handler (the welcome; the verification link, which sends nothing with EMAIL_VERIFICATION off).
        Assert.Equal(2 * 2, await Api.OutboxMessagesAsync("UserRegistered"));
        var welcomed = mail.Single(m => m.To.Mailboxes.Single().Address == "made@example.com");
        // Its Message-ID is its outbox message's id: a second copy would be the same message to a mail client.
        Assert.Contains(welcomed.MessageId?[..32], (await Api.OutboxMessageIdsAsync("UserRegistered")).Select(id => id.ToString("N")));
    }

    [Fact]
    public async Task With_verification_off_by_default_no_link_is_mailed_answers_say_who_is_verified_and_a_resend_sends_nothing()
    {
        var signup = await Api.Client().PostJson("/api/v1/users/signup", new { email = "joiner@example.com", password = "joiner-password" });
        var joiner = await Api.SignedInAsync("joiner@example.com", "joiner-password");
        var resend = await joiner.Post("/api/v1/verify-email/resend");
        var admin = await (await Api.AdminAsync()).Get("/api/v1/users/me");

        Assert.False((await signup.JsonAsync()).GetProperty("emailVerified").GetBoolean());
        Assert.True((await admin.JsonAsync()).GetProperty("emailVerified").GetBoolean()); // the first superuser, from settings
        Assert.Equal(HttpStatusCode.OK, resend.StatusCode);
        Assert.Contains("EMAIL_VERIFICATION is off", (await resend.JsonAsync()).GetProperty("message").GetString(), StringComparison.Ordinal);
        await Api.AssertNothingElseMailedAsync();
    }

    [Fact]
    public async Task Signup_with_a_taken_email_is_409()
    {
        await Api.CreateUserAsync("taken@example.com");

        var response = await Api.Client().PostJson("/api/v1/users/signup", new { email = "Taken@Example.com", password = "some-password" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task Me_returns_the_caller()
    {
        var user = await Api.CreateUserAsync("self@example.com");

        var response = await (await Api.SignedInAsync("self@example.com", "user-password-1")).Get("/api/v1/users/me");
        var me = await response.ReadAsync<UserDto>();

        Assert.Equal((user.Id, "self@example.com"), (me.Id, me.Email));
        // The wire format itself: exactly the public fields, nothing of the credentials.
        Assert.Equal(["createdAt", "createdBy", "email", "emailVerified", "fullName", "id", "isActive", "isSuperuser", "mfaEnabled", "permissions", "roles", "updatedAt", "updatedBy", "version"], (await response.JsonAsync()).EnumerateObject().Select(p => p.Name).Order());
    }

    [Fact]
    public async Task Updating_me_changes_only_the_fields_sent_and_never_rights_or_status()
    {
        await Api.CreateUserAsync("editor@example.com");
        var client = await Api.SignedInAsync("editor@example.com", "user-password-1");

        var refused = await client.PatchJson("/api/v1/users/me", new { fullName = "Not Saved", isSuperuser = true, isActive = false });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Unknown property", (await refused.ProblemAsync()).Detail, StringComparison.Ordinal);
        var named = await client.PatchJson("/api/v1/users/me", new { fullName = "Ed Itor" }).ReadAsync<UserDto>();
        var moved = await client.PatchJson("/api/v1/users/me", new { email = "moved@example.com", currentPassword = "user-password-1" }).ReadAsync<UserDto>();
        var cleared = await client.PatchJson("/api/v1/users/me", new { fullName = (string?)null }).ReadAsync<UserDto>();

        Assert.Equal(("Ed Itor", "editor@example.com", false, true), (named.FullName, named.Email, named.IsSuperuser, named.IsActive));
        Assert.Equal(("Ed Itor", "moved@example.com"), (moved.FullName, moved.Email));
        Assert.Null(cleared.FullName);
        Assert.Equal(HttpStatusCode.OK, (await client.Get("/api/v1/users/me")).StatusCode); // an email change keeps the session
        Assert.Equal(HttpStatusCode.OK, (await Api.LoginAsync("moved@example.com", "user-password-1")).StatusCode);
    }

    [Fact]
    public async Task Taking_another_users_email_is_409()
    {
        await Api.CreateUserAsync("first@example.com");
        await Api.CreateUserAsync("second@example.com");
        var client = await Api.SignedInAsync("second@example.com", "user-password-1");

        var response = await client.PatchJson("/api/v1/users/me", new { email = "FIRST@example.com", currentPassword = "user-password-1" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("second@example.com", (await client.Get("/api/v1/users/me").ReadAsync<UserDto>()).Email);
    }

    [Fact]
    public async Task Changing_my_password_needs_the_current_one_and_a_different_new_one()
    {
        await Api.CreateUserAsync("careful@example.com", "current-password");
        var client = await Api.SignedInAsync("careful@example.com", "current-password");

        var wrong = await client.PatchJson("/api/v1/users/me/password", new { currentPassword = "not-current", newPassword = "next-password" });
        var same = await client.PatchJson("/api/v1/users/me/password", new { currentPassword = "current-password", newPassword = "current-password" });
        var tooShort = await client.PatchJson("/api/v1/users/me/password", new { currentPassword = "current-password", newPassword = "short" });
        var changed = await client.PatchJson("/api/v1/users/me/password", new { currentPassword = "current-password", newPassword = "next-password" });

        Assert.Equal("Incorrect password", (await wrong.ProblemAsync()).Detail);
        Assert.Equal("New password cannot be the same as the current one", (await same.ProblemAsync()).Detail);
        Assert.Contains("newPassword", (await tooShort.ProblemAsync()).Errors.Keys);
        Assert.Equal("Password updated successfully", (await changed.ReadAsync<Confirmation>()).Message);
        Assert.Equal(HttpStatusCode.BadRequest, (await Api.LoginAsync("careful@example.com", "current-password")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Api.LoginAsync("careful@example.com", "next-password")).StatusCode);
    }

    [Fact]
    public async Task Wrong_current_passwords_lock_the_guessing_client_out_so_a_stolen_token_cannot_guess_the_password_and_the_owner_still_signs_in()
    {
        await Api.CreateUserAsync("stolen@example.com", "real-password");
        var thief = await Api.SignedInAsync("stolen@example.com", "real-password");

        var guesses = new List<HttpResponseMessage>();
        for (var guess = 1; guess <= 12; guess++)
        {
            guesses.Add(await thief.PatchJson("/api/v1/users/me/password", new { currentPassword = $"guess-{guess}", newPassword = "thiefs-password" }));
        }

        var right = await thief.PatchJson("/api/v1/users/me/password", new { currentPassword = "real-password", newPassword = "thiefs-password" });
        var signIn = await Api.LoginAsync("stolen@example.com", "real-password");

        Assert.Equal([.. Enumerable.Repeat(400, 4), .. Enumerable.Repeat(429, 8)], guesses.Select(g => (int)g.StatusCode));
        Assert.True(guesses[^1].Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(429, (await guesses[^1].ProblemAsync()).Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode); // the thief's guesses stop the thief, not the owner

        // Once the lockout is over, the password is still the owner's: the right guess made while locked changed nothing.
        await Api.LiftLockoutsAsync();
        Assert.Equal(HttpStatusCode.BadRequest, (await Api.LoginAsync("stolen@example.com", "thiefs-password")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Api.LoginAsync("stolen@example.com", "real-password")).StatusCode);
    }

    [Fact]
    public async Task The_last_active_superuser_cannot_demote_or_deactivate_themselves_but_may_once_there_is_another()
    {
        var admin = await Api.AdminAsync();
        var adminId = (await admin.Get("/api/v1/users/me").ReadAsync<UserDto>()).Id;

        var demote = await admin.PatchJson($"/api/v1/users/{adminId}", new { isSuperuser = false });
        var deactivate = await admin.PatchJson($"/api/v1/users/{adminId}", new { isActive = false });
        await Api.CreateUserAsync("deputy@example.com", isSuperuser: true);
        var demoteWithDeputy = await admin.PatchJson($"/api/v1/users/{adminId}", new { isSuperuser = false });

        Assert.Equal(HttpStatusCode.Conflict, demote.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, deactivate.StatusCode);
        Assert.StartsWith("The last active superuser cannot demote or deactivate themselves", (await deactivate.ProblemAsync()).Detail, StringComparison.Ordinal);
        Assert.False((await demoteWithDeputy.ReadAsync<UserDto>()).IsSuperuser);
    }

    [Fact]
    public async Task Deleting_myself_removes_my_account_and_my_items()
    {
        await Api.CreateUserAsync("quitter@example.com");
        var client = await Api.SignedInAsync("quitter@example.com", "user-password-1");
        var item = (await client.PostJson("/api/v1/items", new { title = "mine" }).ReadAsync<ItemDto>()).Id;

        var deleted = await client.Delete("/api/v1/users/me");
        var admin = await Api.AdminAsync();

        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal("User deleted successfully", (await deleted.ReadAsync<Confirmation>()).Message);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.Get($"/api/v1/items/{item}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Api.LoginAsync("quitter@example.com", "user-password-1")).StatusCode);
    }

    [Fact]
    public async Task A_superuser_may_not_delete_themselves_either_way()
    {
        var admin = await Api.AdminAsync();
        var adminId = (await admin.Get("/api/v1/users/me").ReadAsync<UserDto>()).Id;

        var me = await admin.Delete("/api/v1/users/me");
        var byId = await admin.Delete($"/api/v1/users/{adminId}");

        Assert.Equal("Super users are not allowed to delete themselves", (await me.ProblemAsync()).Detail);
        Assert.Equal(HttpStatusCode.Forbidden, byId.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.Get("/api/v1/users/me")).StatusCode);
    }

    [Fact]
    public async Task A_user_reads_only_their_own_account_by_id_and_probing_other_ids_gives_nothing_away()
    {
        var self = await Api.CreateUserAsync("one@example.com");
        var other = await Api.CreateUserAsync("two@example.com");
        var client = await Api.SignedInAsync("one@example.com", "user-password-1");

        var own = await client.Get($"/api/v1/users/{self.Id}");
        var foreign = await client.Get($"/api/v1/users/{other.Id}");
        var missing = await client.Get($"/api/v1/users/{Guid.CreateVersion7()}");

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Equal(await foreign.BodyWithoutTraceIdAsync(), await missing.BodyWithoutTraceIdAsync());
    }

    [Fact]
    public async Task A_superuser_reads_any_account_and_gets_404_for_an_unknown_id()
    {
        var other = await Api.CreateUserAsync("someone@example.com");
        var admin = await Api.AdminAsync();

        var found = await admin.Get($"/api/v1/users/{other.Id}");
        var missing = await admin.Get($"/api/v1/users/{Guid.CreateVersion7()}");

        Assert.Equal("someone@example.com", (await found.ReadAsync<UserDto>()).Email);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("User not found", (await missing.ProblemAsync()).Detail);
    }

    [Fact]
    public async Task A_superuser_updates_any_field_of_an_account()
    {
        var other = await Api.CreateUserAsync("subject@example.com", "old-password");
        var admin = await Api.AdminAsync();

        var response = await admin.PatchJson($"/api/v1/users/{other.Id}",
            new { email = "renamed@example.com", fullName = "Renamed", isSuperuser = true, password = "new-password" });
        var body = await response.ReadAsync<UserDto>();

        Assert.Equal(("renamed@example.com", "Renamed", true, true), (body.Email, body.FullName, body.IsSuperuser, body.IsActive));
        Assert.Equal(HttpStatusCode.BadRequest, (await Api.LoginAsync("renamed@example.com", "old-password")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Api.LoginAsync("renamed@example.com", "new-password")).StatusCode);
    }

    [Fact]
    public async Task An_admin_update_that_fails_changes_nothing()
    {
        var other = await Api.CreateUserAsync("stable@example.com", "stable-password");
        await Api.CreateUserAsync("occupied@example.com");
        var admin = await Api.AdminAsync();

        var badPassword = await admin.PatchJson($"/api/v1/users/{other.Id}", new { fullName = "Changed", password = "short" });
        var takenEmail = await admin.PatchJson($"/api/v1/users/{other.Id}", new { email = "occupied@example.com", fullName = "Changed" });
        var missing = await admin.PatchJson($"/api/v1/users/{Guid.CreateVersion7()}", new { fullName = "Nobody" });
        var after = await admin.Get($"/api/v1/users/{other.Id}").ReadAsync<UserDto>();

        Assert.Contains("password", (await badPassword.ProblemAsync()).Errors.Keys);
        Assert.Equal(HttpStatusCode.Conflict, takenEmail.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(("stable@example.com", null), (after.Email, after.FullName));
    }

    [Fact]
    public async Task A_superuser_deletes_an_account_with_its_items_and_gets_404_for_an_unknown_one()
    {
        var other = await Api.CreateUserAsync("gone@example.com");
        var item = (await (await Api.SignedInAsync("gone@example.com", "user-password-1")).PostJson("/api/v1/items", new { title = "t" }).ReadAsync<ItemDto>()).Id;
        var admin = await Api.AdminAsync();

        var deleted = await admin.Delete($"/api/v1/users/{other.Id}");
        var again = await admin.Delete($"/api/v1/users/{other.Id}");

        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.Get($"/api/v1/items/{item}")).StatusCode);
    }
}
