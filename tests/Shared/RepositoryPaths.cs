namespace CleanApp.Testing;

internal static class RepositoryPaths
{
    /// <summary>The folder with CleanApp.sln, found upwards from the test binaries.</summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "CleanApp.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("CleanApp.sln not found above " + AppContext.BaseDirectory);
    }
}
