using CleanApp.Domain.Users;
using Riok.Mapperly.Abstractions;

namespace CleanApp.Application.Users;

[Mapper]
internal static partial class UserMapper
{
    public static partial UserDto ToDto(this UserAccount account);
}
