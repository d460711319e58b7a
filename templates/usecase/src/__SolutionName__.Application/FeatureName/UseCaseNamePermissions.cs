using System.ComponentModel;

namespace __SolutionName__.Application.FeatureName;

/// <summary>
/// The permission UseCaseName needs, in the catalog (GET /api/v1/permissions) for roles to grant. If another use case
/// declares this name already, delete this file and use that constant: a name is declared once.
/// </summary>
[Permissions]
public static class UseCaseNamePermissions
{
    [Description("UseCaseName (FeatureName)")]
    public const string Name = "permission-name";
}
