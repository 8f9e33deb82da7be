namespace Fleet.Tests.Support;

/// <summary>Locates the repository and the shared folder beside it from the test binaries.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>
    /// The nearest <c>shared</c> folder above the repository: beside it for the main checkout,
    /// further up for a worktree nested one level deeper.
    /// </summary>
    public static string Shared { get; } = FindShared();

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

    private static string FindShared()
    {
        for (var dir = new DirectoryInfo(Root).Parent; dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(Path.Combine(candidate, "examples")))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException($"no shared/examples folder above {Root}");
    }
}
