using System.ComponentModel;

namespace CleanApp.Application.Utils;

[Permissions]
public static class UtilPermissions
{
    [Description("Send a test mail to any address")]
    public const string TestEmail = "utils.test-email";
}
