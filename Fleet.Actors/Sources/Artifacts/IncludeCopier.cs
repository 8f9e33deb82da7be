namespace Fleet.Actors.Sources.Artifacts;

/// <summary>
/// Copies an included artifact's tree (already extracted) from `fromPath` into the including tree at
/// `toPath`, replacing what was there, as GitRepository `include` does. Both paths must stay inside their roots.
/// </summary>
public static class IncludeCopier
{
    public static void Copy(string includedRoot, string? fromPath, string targetRoot, string toPath)
    {
        var source = Inside(includedRoot, fromPath ?? "", "fromPath");
        var target = Inside(targetRoot, toPath, "toPath");
        if (target == Path.GetFullPath(targetRoot))
        {
            throw new ArgumentException("include toPath must name a directory below the artifact root");
        }
        if (!Directory.Exists(source))
        {
            throw new DirectoryNotFoundException($"include fromPath '{fromPath}' does not exist in the included artifact");
        }
        if (Directory.Exists(target))
        {
            Directory.Delete(target, recursive: true);
        }
        DirectoryTree.Copy(source, target);
    }

    private static string Inside(string root, string relative, string field)
    {
        var fullRoot = Path.GetFullPath(root);
        var full = Path.GetFullPath(Path.Combine(fullRoot, relative.TrimStart('/')));
        if (full != fullRoot && !full.StartsWith(fullRoot + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"include {field} '{relative}' points outside the artifact");
        }
        return full;
    }
}
