using CleanApp.Application.Common.Abstractions;
using CleanApp.Application.Common.Behaviours;
using CleanApp.Application.Common.Errors;
using CleanApp.Application.Common.Paging;
using CleanApp.Application.Common.Security;
using CleanApp.Application.Items;
using CleanApp.Application.Users;
using CleanApp.Domain.Items;
using CleanApp.Domain.Users;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Moq;

namespace CleanApp.Application.UnitTests.Common;

/// <summary>The pipeline as the app wires it: the generated mediator, its behaviours, the validators.</summary>
public sealed class PipelineTests : IAsyncDisposable
{
    private readonly Mock<IItemRepository> items = new();
    private readonly Mock<IItemQueries> lists = new();
    private readonly Mock<IUnitOfWork> unitOfWork = new();
    private readonly Mock<ICurrentUser> currentUser = new();
    private readonly ServiceProvider services;

    public PipelineTests()
    {
        services = new ServiceCollection()
            .AddLogging()
            .AddApplication()
            .AddSingleton(items.Object)
            .AddSingleton(lists.Object)
            .AddSingleton(unitOfWork.Object)
            .AddSingleton(currentUser.Object)
            .AddSingleton<IFaultClassifier, TimeoutsAreTransient>()
            .BuildServiceProvider(validateScopes: true);
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Sends through the mediator in a fresh scope, as one HTTP request would.</summary>
    private async Task<TResponse> SendAsync<TResponse>(Func<IMediator, ValueTask<TResponse>> send)
    {
        await using var scope = services.CreateAsyncScope();
        return await send(scope.ServiceProvider.GetRequiredService<IMediator>());
    }

    [Fact]
    public async Task An_invalid_command_is_refused_with_every_failure_before_its_handler_runs()
    {
        currentUser.Setup(c => c.User).Returns(new UserIdentity(Guid.CreateVersion7(), false));

        var error = await Assert.ThrowsAsync<ValidationException>(() => SendAsync(m => m.Send(new CreateItemCommand("", new string('d', 256)), Token)));

        Assert.Equal(["Description", "Title"], error.Errors.Select(e => e.PropertyName).Order());
        items.Verify(r => r.AddAsync(It.IsAny<Item>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task A_valid_command_reaches_its_handler()
    {
        var user = new UserIdentity(Guid.CreateVersion7(), false);
        currentUser.Setup(c => c.User).Returns(user);

        items.Setup(r => r.AddAsync(It.IsAny<Item>(), It.IsAny<CancellationToken>())).ReturnsAsync((Item i, CancellationToken _) => i.ToDto());

        var created = await SendAsync(m => m.Send(new CreateItemCommand("Title", null), Token));

        Assert.Equal(user.Id, created.OwnerId);
        items.Verify(r => r.AddAsync(It.Is<Item>(i => i.Id == created.Id), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task A_query_that_failed_on_a_transient_fault_is_answered_by_running_it_again()
    {
        var user = new UserIdentity(Guid.CreateVersion7(), false);
        currentUser.Setup(c => c.User).Returns(user);
        lists.SetupSequence(r => r.ListAsync(user.Id, It.IsAny<PageRequest>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new TimeoutException("a pooled connection died with a restart"))
            .ReturnsAsync(new Page<ItemDto>([new ItemDto(Guid.CreateVersion7(), "Title", null, user.Id, DateTimeOffset.UtcNow, user.Id, DateTimeOffset.UtcNow, user.Id, 1)], 1));

        var page = await SendAsync(m => m.Send(new ListItemsQuery(), Token));

        Assert.Equal(1, page.Count);
        lists.Verify(r => r.ListAsync(user.Id, It.IsAny<PageRequest>(), It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Fact]
    public async Task A_query_that_keeps_failing_gives_up_after_its_retries_and_other_failures_are_not_retried()
    {
        var user = new UserIdentity(Guid.CreateVersion7(), false);
        currentUser.Setup(c => c.User).Returns(user);
        lists.Setup(r => r.ListAsync(user.Id, It.IsAny<PageRequest>(), It.IsAny<CancellationToken>())).ThrowsAsync(new TimeoutException("down"));

        await Assert.ThrowsAsync<TimeoutException>(() => SendAsync(m => m.Send(new ListItemsQuery(), Token)));
        lists.Verify(r => r.ListAsync(user.Id, It.IsAny<PageRequest>(), It.IsAny<CancellationToken>()), Times.Exactly(1 + TransientReadRetry.Delays.Length));

        lists.Invocations.Clear();
        lists.Setup(r => r.ListAsync(user.Id, It.IsAny<PageRequest>(), It.IsAny<CancellationToken>())).ThrowsAsync(new InvalidOperationException("a bug"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => SendAsync(m => m.Send(new ListItemsQuery(), Token)));
        lists.Verify(r => r.ListAsync(user.Id, It.IsAny<PageRequest>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task A_command_that_failed_on_a_transient_fault_is_not_run_again_it_may_have_been_applied()
    {
        currentUser.Setup(c => c.User).Returns(new UserIdentity(Guid.CreateVersion7(), false));
        items.Setup(r => r.AddAsync(It.IsAny<Item>(), It.IsAny<CancellationToken>())).ThrowsAsync(new TimeoutException("no answer to the commit"));

        await Assert.ThrowsAsync<TimeoutException>(() => SendAsync(m => m.Send(new CreateItemCommand("Title", null), Token)));

        items.Verify(r => r.AddAsync(It.IsAny<Item>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    private sealed class TimeoutsAreTransient : IFaultClassifier
    {
        public bool IsTransient(Exception exception) => exception is TimeoutException;

        public bool IsUnstorableInput(Exception exception) => false;
    }

    [Fact]
    public async Task An_anonymous_caller_is_refused_before_validation_reveals_anything()
    {
        currentUser.Setup(c => c.User).Returns((UserIdentity?)null);

        await Assert.ThrowsAsync<UnauthenticatedException>(() => SendAsync(m => m.Send(new CreateItemCommand("", null), Token)));
        await Assert.ThrowsAsync<UnauthenticatedException>(() => SendAsync(m => m.Send(new ListItemsQuery(), Token)));
        items.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task A_message_that_needs_a_permission_is_refused_without_it_and_allowed_with_it_or_to_a_superuser()
    {
        var behaviour = new AuthorizationBehaviour<NeedsUsersRead, string>(currentUser.Object);
        var handled = 0;
        ValueTask<string> Next(NeedsUsersRead message, CancellationToken token)
        {
            handled++;
            return ValueTask.FromResult("done");
        }

        currentUser.Setup(c => c.User).Returns(new UserIdentity(Guid.CreateVersion7(), IsSuperuser: false, Permissions: ["items.read.any", "users.create"]));
        var refused = await Assert.ThrowsAsync<ForbiddenException>(() => behaviour.Handle(new NeedsUsersRead(), Next, Token).AsTask());
        Assert.Equal("The user doesn't have enough privileges", refused.Message);
        Assert.Equal(0, handled);

        currentUser.Setup(c => c.User).Returns(new UserIdentity(Guid.CreateVersion7(), IsSuperuser: false, Permissions: ["users.read"]));
        Assert.Equal("done", await behaviour.Handle(new NeedsUsersRead(), Next, Token));
        currentUser.Setup(c => c.User).Returns(new UserIdentity(Guid.CreateVersion7(), IsSuperuser: true));
        Assert.Equal("done", await behaviour.Handle(new NeedsUsersRead(), Next, Token));
        currentUser.Setup(c => c.User).Returns(new UserIdentity(Guid.CreateVersion7(), IsSuperuser: false, IsActive: false, Permissions: ["users.read"]));
        Assert.Equal("Inactive user", (await Assert.ThrowsAsync<ForbiddenException>(() => behaviour.Handle(new NeedsUsersRead(), Next, Token).AsTask())).Message);
        Assert.Equal(2, handled);
    }

    [Fact]
    public async Task An_inactive_user_is_refused_everything_but_anonymous_messages()
    {
        currentUser.Setup(c => c.User).Returns(new UserIdentity(Guid.CreateVersion7(), IsSuperuser: true, IsActive: false));

        var refused = await Assert.ThrowsAsync<ForbiddenException>(() => SendAsync(m => m.Send(new ListItemsQuery(), Token)));
        var anonymous = await new AuthorizationBehaviour<Public, string>(currentUser.Object)
            .Handle(new Public(), (_, _) => ValueTask.FromResult("open"), Token);

        Assert.Equal("Inactive user", refused.Message);
        Assert.Equal("open", anonymous);
        items.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task An_anonymous_message_needs_no_user()
    {
        currentUser.Setup(c => c.User).Returns((UserIdentity?)null);
        var behaviour = new AuthorizationBehaviour<Public, string>(currentUser.Object);

        var answer = await behaviour.Handle(new Public(), (_, _) => ValueTask.FromResult("hello"), Token);

        Assert.Equal("hello", answer);
    }

    [Theory]
    [InlineData(20, LogLevel.Debug)]
    [InlineData(750, LogLevel.Warning)]
    public async Task The_logging_behaviour_reports_how_long_a_message_took_and_warns_when_slow(int milliseconds, LogLevel expected)
    {
        var clock = new Mock<TimeProvider>();
        clock.Setup(c => c.TimestampFrequency).Returns(TimeSpan.TicksPerSecond);
        clock.SetupSequence(c => c.GetTimestamp()).Returns(0).Returns(TimeSpan.FromMilliseconds(milliseconds).Ticks);
        var logger = new Mock<ILogger<LoggingBehaviour<Public, string>>>();
        logger.Setup(l => l.IsEnabled(It.IsAny<LogLevel>())).Returns(true);
        var behaviour = new LoggingBehaviour<Public, string>(logger.Object, clock.Object);

        await behaviour.Handle(new Public(), (_, _) => ValueTask.FromResult("ok"), Token);

        logger.Verify(
            l => l.Log(
                expected,
                It.IsAny<EventId>(),
                It.Is<It.IsAnyType>((state, _) => state.ToString()!.Contains(nameof(Public), StringComparison.Ordinal)
                    && state.ToString()!.Contains($"{milliseconds}.0 ms", StringComparison.Ordinal)),
                null,
                It.IsAny<Func<It.IsAnyType, Exception?, string>>()),
            Times.Once);
    }

    [Fact]
    public async Task A_message_whose_caller_went_away_is_logged_as_cancelled_at_information_not_as_slow()
    {
        var clock = new Mock<TimeProvider>();
        clock.Setup(c => c.TimestampFrequency).Returns(TimeSpan.TicksPerSecond);
        clock.SetupSequence(c => c.GetTimestamp()).Returns(0).Returns(TimeSpan.FromMilliseconds(2000).Ticks);
        var logger = new Mock<ILogger<LoggingBehaviour<Public, string>>>();
        logger.Setup(l => l.IsEnabled(It.IsAny<LogLevel>())).Returns(true);
        var behaviour = new LoggingBehaviour<Public, string>(logger.Object, clock.Object);
        using var gone = new CancellationTokenSource();
        await gone.CancelAsync();

        await Assert.ThrowsAsync<OperationCanceledException>(async () =>
            await behaviour.Handle(new Public(), (_, token) => ValueTask.FromException<string>(new OperationCanceledException(token)), gone.Token));

        logger.Verify(l => l.Log(LogLevel.Information, It.IsAny<EventId>(), It.Is<It.IsAnyType>((state, _) => state.ToString()!.Contains("Cancelled", StringComparison.Ordinal)), null, It.IsAny<Func<It.IsAnyType, Exception?, string>>()), Times.Once);
        logger.Verify(l => l.Log(LogLevel.Warning, It.IsAny<EventId>(), It.IsAny<It.IsAnyType>(), It.IsAny<Exception?>(), It.IsAny<Func<It.IsAnyType, Exception?, string>>()), Times.Never);
    }

    [Fact]
    public async Task A_validator_with_an_asynchronous_rule_still_runs_and_its_failures_still_stop_the_message()
    {
        var checkedNames = new List<string>();
        var behaviour = new ValidationBehaviour<Public, string>([new NameTakenValidator(checkedNames)]);
        var handled = 0;
        ValueTask<string> Next(Public message, CancellationToken token)
        {
            handled++;
            return ValueTask.FromResult("done");
        }

        // Twice: the first call finds the rule asynchronous, the second goes straight to the asynchronous path.
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var error = await Assert.ThrowsAsync<ValidationException>(() => behaviour.Handle(new Public("taken"), Next, Token).AsTask());
            Assert.Equal("Name", Assert.Single(error.Errors).PropertyName);
        }

        Assert.Equal("done", await behaviour.Handle(new Public("free"), Next, Token));
        Assert.Equal(1, handled);
        Assert.Equal(["taken", "taken", "free"], checkedNames);
    }

    private sealed class NameTakenValidator : AbstractValidator<Public>
    {
        public NameTakenValidator(List<string> checkedNames) =>
            RuleFor(p => p.Name).MustAsync(async (name, cancellationToken) =>
            {
                await Task.Yield();
                checkedNames.Add(name);
                return name != "taken";
            });
    }

    public ValueTask DisposeAsync() => services.DisposeAsync();

    [RequiresPermission(UserPermissions.Read)]
    public sealed record NeedsUsersRead : IRequest<string>;

    [Anonymous]
    public sealed record Public(string Name = "") : IRequest<string>;
}
