using __SolutionName__.Application.Common.Abstractions;
using __SolutionName__.Application.FeatureName;
using __SolutionName__.Domain.Users;
using Moq;

namespace __SolutionName__.Application.UnitTests.FeatureName;

/// <summary>UseCaseName's rules and handler, without a database. TODO: a test per rule and per outcome of the handler.</summary>
public class UseCaseNameTests
{
    private static readonly UserIdentity Caller = new(Guid.CreateVersion7(), IsSuperuser: false);
    private readonly Mock<ICurrentUser> currentUser = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public UseCaseNameTests() => currentUser.Setup(c => c.User).Returns(Caller);

//#if (isCommand)
    [Fact]
    public async Task The_handler_answers_for_the_caller()
    {
        var handler = new UseCaseNameCommandHandler(currentUser.Object);

        var result = await handler.Handle(new UseCaseNameCommand("First"), Token);

        // TODO: assert what the command changed and answered.
        Assert.Equal($"UseCaseName: First, for {Caller.Id}", result.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void A_blank_name_is_refused(string name)
    {
        var result = new UseCaseNameCommandValidator().Validate(new UseCaseNameCommand(name));

        Assert.Equal(["Name"], result.Errors.Select(e => e.PropertyName));
    }
//#else
    [Fact]
    public async Task The_handler_answers_for_the_caller()
    {
        var handler = new UseCaseNameQueryHandler(currentUser.Object);

        var result = await handler.Handle(new UseCaseNameQuery(), Token);

        // TODO: assert what the query reads for this caller (and not for another).
        Assert.Equal($"UseCaseName, for {Caller.Id}", result.Message);
    }
//#endif
}
