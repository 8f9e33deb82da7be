namespace Fleet.Tests.Support;

/// <summary>Locates the repository and the shared folder beside it from the test binaries.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    public static string SeedExamples => Path.Combine(Shared, "examples", "seed");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Fleet.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"Fleet.sln not found above {AppContext.BaseDirectory}");
    }
}
