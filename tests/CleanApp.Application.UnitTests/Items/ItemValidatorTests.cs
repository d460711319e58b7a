using CleanApp.Application.Common;
using CleanApp.Application.Items;

namespace CleanApp.Application.UnitTests.Items;

public class ItemValidatorTests
{
    [Theory]
    [InlineData("", null, "Title")]
    [InlineData("   ", null, "Title")]
    [InlineData(null, null, "Title")]
    [InlineData("ok", "256", "Description")]
    [InlineData("256", null, "Title")]
    public void Create_refuses_bad_titles_and_descriptions(string? title, string? description, string field)
    {
        static string? Expand(string? value) => value == "256" ? new string('x', 256) : value;

        var result = new CreateItemCommandValidator().Validate(new CreateItemCommand(Expand(title)!, Expand(description)));

        Assert.Contains(result.Errors, e => e.PropertyName == field);
    }

    [Fact]
    public void Create_accepts_the_longest_allowed_title_and_description()
    {
        var result = new CreateItemCommandValidator().Validate(new CreateItemCommand(new string('t', 255), new string('d', 255)));

        Assert.True(result.IsValid);
    }

    [Fact]
    public void Update_checks_only_the_fields_that_are_set()
    {
        var validator = new UpdateItemCommandValidator();

        Assert.True(validator.Validate(new UpdateItemCommand(Guid.CreateVersion7(), default, default)).IsValid);
        Assert.Contains(validator.Validate(new UpdateItemCommand(Guid.CreateVersion7(), new Optional<string>(""), default)).Errors, e => e.PropertyName == "Title");
        Assert.Contains(
            validator.Validate(new UpdateItemCommand(Guid.CreateVersion7(), default, new Optional<string?>(new string('d', 256)))).Errors,
            e => e.PropertyName == "Description");
        Assert.True(validator.Validate(new UpdateItemCommand(Guid.CreateVersion7(), default, new Optional<string?>(null))).IsValid);
    }

    [Theory]
    [InlineData(-1, 100, "Skip")]
    [InlineData(0, 0, "Limit")]
    [InlineData(0, 1001, "Limit")]
    [InlineData(int.MinValue, int.MaxValue, "Skip")]
    public void List_refuses_a_negative_skip_and_a_limit_outside_1_to_1000(int skip, int limit, string field)
    {
        var result = new ListItemsQueryValidator().Validate(new ListItemsQuery(skip, limit));

        Assert.Contains(result.Errors, e => e.PropertyName == field);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(0, 1000)]
    [InlineData(1_000_000, 100)]
    public void List_accepts_paging_inside_the_bounds(int skip, int limit)
    {
        Assert.True(new ListItemsQueryValidator().Validate(new ListItemsQuery(skip, limit)).IsValid);
    }
}
