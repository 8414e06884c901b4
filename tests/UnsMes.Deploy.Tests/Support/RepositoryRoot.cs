namespace UnsMes.Deploy.Tests.Support;

/// <summary>The repository the tests run in: manifests and scripts are read from the working tree.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "UnsMes.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("UnsMes.sln not found above " + AppContext.BaseDirectory);
    }
}
