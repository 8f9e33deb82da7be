namespace Fleet.Actors.Sources.Artifacts;

/// <summary>Copies of artifact trees.</summary>
public static class DirectoryTree
{
    /// <summary>
    /// Copies the files and directories below <paramref name="source"/> into <paramref name="target"/>, which is created
    /// if missing. Links are left out: one could point anywhere outside the artifact.
    /// </summary>
    public static void Copy(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source))
        {
            if (new FileInfo(file).LinkTarget is null)
            {
                File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
            }
        }
        foreach (var directory in Directory.GetDirectories(source))
        {
            if (new DirectoryInfo(directory).LinkTarget is null)
            {
                Copy(directory, Path.Combine(target, Path.GetFileName(directory)));
            }
        }
    }
}
