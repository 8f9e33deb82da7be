namespace Fleet.Actors.Helm;

/// <summary>A file only this process's user can read, removed when disposed: how values (which may hold secrets) reach helm.</summary>
public sealed class PrivateFile : IDisposable
{
    private PrivateFile(string path) => Path = path;

    public string Path { get; }

    public static PrivateFile Write(string directory, byte[] content)
    {
        Directory.CreateDirectory(directory);
        var path = System.IO.Path.Combine(directory, Guid.NewGuid().ToString("N") + ".json");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var file = new FileStream(path, options))
        {
            file.Write(content);
        }
        return new PrivateFile(path);
    }

    public void Dispose() => File.Delete(Path);
}
