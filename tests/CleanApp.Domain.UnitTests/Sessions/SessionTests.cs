using CleanApp.Domain.Sessions;

namespace CleanApp.Domain.UnitTests.Sessions;

/// <summary>A session's rules with no database: rotation, a spent token in a race and later, a guess, and the two expiries.</summary>
public class SessionTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
    private static readonly SessionLifetimes Lifetimes = new(Absolute: TimeSpan.FromDays(30), Idle: TimeSpan.FromDays(14));
    private static readonly SessionClientInfo Browser = new("agent", "192.0.2.7");

    private static byte[] Hash(byte b) => [.. Enumerable.Repeat(b, 32)];

    private static Session New() => Session.Start(Guid.CreateVersion7(), Guid.CreateVersion7(), Hash(1), Lifetimes, Browser, Start);

    [Fact]
    public void The_valid_token_rotates_to_the_next_and_the_spent_one_is_remembered()
    {
        var session = New();
        var later = Start.AddDays(1);

        var decision = session.Refresh(Hash(1), Hash(2), Lifetimes, new SessionClientInfo("phone", "198.51.100.1"), later);

        Assert.Equal(RefreshDecision.Rotated, decision);
        Assert.Equal(Hash(2), session.RefreshHash);
        Assert.Equal(Hash(1), session.PreviousRefreshHash);
        Assert.Equal((later, later.AddDays(14)), (session.LastUsedAt, session.RefreshExpiresAt));
        Assert.Equal(("phone", "198.51.100.1"), (session.UserAgent, session.ClientAddress));
    }

    [Fact]
    public void The_spent_token_a_moment_later_is_a_lost_race_and_later_a_theft_that_revokes_the_session()
    {
        var session = New();
        session.Refresh(Hash(1), Hash(2), Lifetimes, Browser, Start.AddMinutes(1));

        var race = session.Refresh(Hash(1), Hash(3), Lifetimes, Browser, Start.AddMinutes(1) + Session.ReuseInterval);
        Assert.Equal((RefreshDecision.Superseded, (DateTimeOffset?)null), (race, session.RevokedAt));

        var theft = Start.AddMinutes(1) + Session.ReuseInterval + TimeSpan.FromMilliseconds(1);
        Assert.Equal(RefreshDecision.Reused, session.Refresh(Hash(1), Hash(3), Lifetimes, Browser, theft));
        Assert.Equal(theft, session.RevokedAt);
        Assert.Equal(RefreshDecision.Refused, session.Refresh(Hash(2), Hash(3), Lifetimes, Browser, theft.AddSeconds(1))); // the thief's token too
    }

    [Fact]
    public void A_token_never_issued_changes_nothing()
    {
        var session = New();
        session.Refresh(Hash(1), Hash(2), Lifetimes, Browser, Start.AddHours(1));

        Assert.Equal(RefreshDecision.Refused, session.Refresh(Hash(9), Hash(3), Lifetimes, Browser, Start.AddHours(2)));
        Assert.Null(session.RevokedAt);
        Assert.Equal(RefreshDecision.Rotated, session.Refresh(Hash(2), Hash(3), Lifetimes, Browser, Start.AddHours(3)));
    }

    [Fact]
    public void An_unused_token_lapses_and_no_refresh_outlives_the_session()
    {
        var idle = New();
        Assert.Equal(RefreshDecision.Refused, idle.Refresh(Hash(1), Hash(2), Lifetimes, Browser, Start.AddDays(14)));

        var busy = New();
        var now = Start;
        var hash = (byte)1;
        for (var day = 10; day <= 20; day += 10) // refreshed every 10 days
        {
            now = Start.AddDays(day);
            Assert.Equal(RefreshDecision.Rotated, busy.Refresh(Hash(hash), Hash((byte)(hash + 1)), Lifetimes, Browser, now));
            hash++;
        }

        Assert.Equal(Start.AddDays(30), busy.RefreshExpiresAt); // capped at the session's end, not 14 days after day 20
        Assert.Equal(RefreshDecision.Refused, busy.Refresh(Hash(hash), Hash(9), Lifetimes, Browser, Start.AddDays(30)));
    }

    [Fact]
    public void A_revoked_session_refuses_its_valid_token_and_keeps_its_first_revocation_time()
    {
        var session = New();
        session.Revoke(Start.AddHours(1));
        session.Revoke(Start.AddHours(2));

        Assert.Equal(Start.AddHours(1), session.RevokedAt);
        Assert.False(session.IsLive(Start.AddHours(1)));
        Assert.Equal(RefreshDecision.Refused, session.Refresh(Hash(1), Hash(2), Lifetimes, Browser, Start.AddHours(3)));
    }

    [Fact]
    public void What_the_client_says_is_kept_clipped_and_nothing_is_kept_as_null()
    {
        var session = Session.Start(Guid.CreateVersion7(), Guid.CreateVersion7(), Hash(1), Lifetimes, new SessionClientInfo(new string('a', 600), ""), Start);

        Assert.Equal(Session.UserAgentMaxLength, session.UserAgent!.Length);
        Assert.Null(session.ClientAddress);
    }
}
