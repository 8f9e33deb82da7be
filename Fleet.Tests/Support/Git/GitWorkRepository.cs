namespace Fleet.Tests.Support.Git;

/// <summary>
/// A non-bare git repository made with the git CLI, which the test servers serve as it is:
/// a commit here is what a push would be to the served repository.
/// </summary>
public sealed class GitWorkRepository
{
    private GitWorkRepository(string directory) => Directory = directory;

    /// <summary>The repository's working tree; its name is the path the servers expose.</summary>
    public string Directory { get; }

    public string Name => Path.GetFileName(Directory);

    public static GitWorkRepository Init(string parent, string name, string branch = "master")
    {
        var directory = Path.Combine(parent, name);
        System.IO.Directory.CreateDirectory(directory);
        GitCli.Run(directory, "init", "-q", "-b", branch);
        // Lets a fetch by commit id work over the smart protocol as on common hosting services.
        GitCli.Run(directory, "config", "uploadpack.allowAnySHA1InWant", "true");
        return new GitWorkRepository(directory);
    }

    public GitWorkRepository Write(string path, string content)
    {
        var full = Path.Combine(Directory, path);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return this;
    }

    public GitWorkRepository Delete(string path)
    {
        GitCli.Run(Directory, "rm", "-q", "-r", path);
        return this;
    }

    /// <summary>Stages everything and commits; returns the commit id.</summary>
    public string Commit(string message)
    {
        GitCli.Run(Directory, "add", "-A");
        GitCli.Run(Directory, "commit", "-q", "--allow-empty", "-m", message);
        return Head();
    }

    public string Head() => GitCli.Run(Directory, "rev-parse", "HEAD");

    public GitWorkRepository CreateBranch(string name)
    {
        GitCli.Run(Directory, "checkout", "-q", "-b", name);
        return this;
    }

    public GitWorkRepository Checkout(string name)
    {
        GitCli.Run(Directory, "checkout", "-q", name);
        return this;
    }

    public GitWorkRepository LightweightTag(string name)
    {
        GitCli.Run(Directory, "tag", name);
        return this;
    }

    public GitWorkRepository AnnotatedTag(string name, string message)
    {
        GitCli.Run(Directory, "tag", "-a", name, "-m", message);
        return this;
    }

    /// <summary>Points an arbitrary ref (e.g. refs/pull/1/head) at the current commit.</summary>
    public GitWorkRepository UpdateRef(string reference)
    {
        GitCli.Run(Directory, "update-ref", reference, "HEAD");
        return this;
    }

    /// <summary>Adds a submodule by URL (the served URL, so a fetcher can follow it).</summary>
    public GitWorkRepository AddSubmodule(string url, string path)
    {
        GitCli.Run(Directory, "-c", "protocol.file.allow=always", "submodule", "add", "-q", url, path);
        return this;
    }
}
