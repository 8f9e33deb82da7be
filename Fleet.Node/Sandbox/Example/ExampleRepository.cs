using Fleet.Node.Sandbox.Git;

namespace Fleet.Node.Sandbox.Example;

/// <summary>
/// The sandbox's local Git repository (an ordinary working tree the user edits and commits in), served
/// over HTTP to the node. Created with <see cref="ExampleFleet"/> on the first run and left as it is afterwards,
/// so the user's commits survive restarts.
/// </summary>
public sealed class ExampleRepository
{
    public const string Name = "fleet-example";
    public const string Branch = "main";

    private ExampleRepository(string directory, bool created)
    {
        Directory = directory;
        Created = created;
    }

    /// <summary>The working tree; its parent is the directory the git server serves.</summary>
    public string Directory { get; }

    /// <summary>Whether this run created it (false: an earlier run's repository, kept as the user left it).</summary>
    public bool Created { get; }

    /// <summary>Opens the repository under <paramref name="parent"/>, creating it with the example fleet when it does not exist.</summary>
    public static async Task<ExampleRepository> EnsureAsync(string parent, CancellationToken cancellationToken = default)
    {
        var directory = Path.GetFullPath(Path.Combine(parent, Name));
        if (System.IO.Directory.Exists(Path.Combine(directory, ".git")))
        {
            await AcceptPushesAsync(directory, cancellationToken);
            return new ExampleRepository(directory, created: false);
        }
        System.IO.Directory.CreateDirectory(directory);
        foreach (var (path, content) in ExampleFleet.Files)
        {
            var full = Path.Combine(directory, path);
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            await File.WriteAllTextAsync(full, content, cancellationToken);
        }
        await SandboxGit.RunAsync(directory, ["init", "-q", "-b", Branch], SandboxGit.SandboxIdentity, cancellationToken);
        await SandboxGit.RunAsync(directory, ["add", "-A"], SandboxGit.SandboxIdentity, cancellationToken);
        await SandboxGit.RunAsync(directory, ["commit", "-q", "-m", "Example fleet: infrastructure and apps"], SandboxGit.SandboxIdentity, cancellationToken);
        await AcceptPushesAsync(directory, cancellationToken);
        return new ExampleRepository(directory, created: true);
    }

    /// <summary>A clone may push to the checked-out branch: the push updates the working tree too, so committing in
    /// place and pushing from a clone both keep working.</summary>
    private static async Task AcceptPushesAsync(string directory, CancellationToken cancellationToken)
    {
        await SandboxGit.RunAsync(directory, ["config", "receive.denyCurrentBranch", "updateInstead"], SandboxGit.SandboxIdentity, cancellationToken);

        // git http-backend refuses pushes from an unauthenticated user unless the repository allows them; the
        // server listens on loopback only.
        await SandboxGit.RunAsync(directory, ["config", "http.receivepack", "true"], SandboxGit.SandboxIdentity, cancellationToken);
    }

    /// <summary>The commit <see cref="Branch"/> points at, read from the ref files (no process), or null when there is none.</summary>
    public string? ReadHead()
    {
        var gitDir = Path.Combine(Directory, ".git");
        var loose = Path.Combine(gitDir, "refs", "heads", Branch);
        try
        {
            if (File.Exists(loose))
            {
                return File.ReadAllText(loose).Trim();
            }
            var packed = Path.Combine(gitDir, "packed-refs");
            return File.Exists(packed)
                ? File.ReadLines(packed).Select(l => l.Split(' ')).FirstOrDefault(p => p.Length == 2 && p[1] == $"refs/heads/{Branch}")?[0]
                : null;
        }
        catch (IOException)
        {
            // Git is rewriting the ref right now; the next look sees the result.
            return null;
        }
    }
}
