using System.Text.Json;
using CleanApp.Application.Common.Paging;
using CleanApp.Application.Items;
using CleanApp.Application.Users;
using CleanApp.Web.Host.Configuration;
using CleanApp.Web.Json;

namespace CleanApp.Web.FunctionalTests.Contract;

/// <summary>Answers written through the generated fast path carry the same JSON the API's options write.</summary>
public sealed class AnswerJsonTests
{
    private static readonly DateTimeOffset Created = new(2026, 11, 30, 23, 59, 58, 123, TimeSpan.FromHours(2));

    private static readonly Page<ItemDto> Items = new(
        [new(Guid.NewGuid(), "Café \"crème\" <b>&</b> 😀", null, Guid.NewGuid(), Created, null, Created, null, 1), new(Guid.NewGuid(), "t", "line\nbreak", Guid.NewGuid(), Created.AddTicks(1), Guid.NewGuid(), Created.AddDays(1), Guid.NewGuid(), 7)],
        2_000_000,
        "CN9PS7vkiML27dtxfqxL25tzb4wUiXyx");

    private static readonly Page<UserDto> Users = new([new(Guid.NewGuid(), "ann@example.com", null, true, false, true, false, Created, Guid.NewGuid(), Created.AddHours(1), null, 2, ["support"], ["items.read.any", "users.read"])], 1);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_page_is_written_as_the_api_options_write_it_in_either_naming(bool snakeCase)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        JsonSetup.ConfigureApi(options, snakeCase ? JsonNaming.SnakeCase : JsonNaming.CamelCase);
        options.MakeReadOnly();

        Assert.Equal(JsonSerializer.Serialize(Items, options), JsonSerializer.Serialize(Items, JsonSetup.AnswerTypeInfo<Page<ItemDto>>(options)));
        Assert.Equal(JsonSerializer.Serialize(Users, options), JsonSerializer.Serialize(Users, JsonSetup.AnswerTypeInfo<Page<UserDto>>(options)));
    }

    [Fact]
    public void In_camel_case_pages_are_written_by_the_generated_code_not_from_metadata()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        JsonSetup.ConfigureApi(options, JsonNaming.CamelCase);
        options.MakeReadOnly();

        // The API's options cannot use the generated fast path (the Optional<T> modifier turns it off for them);
        // the answers' type info is the generated context's own, whose options it can.
        Assert.Same(ApiJsonContext.Default.Options, JsonSetup.AnswerTypeInfo<Page<ItemDto>>(options).Options);
        Assert.Same(ApiJsonContext.Default.Options, JsonSetup.AnswerTypeInfo<Page<UserDto>>(options).Options);
    }
}
