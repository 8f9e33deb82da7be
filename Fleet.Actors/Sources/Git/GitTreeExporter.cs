using Fleet.Messages.Api.Source;
using LibGit2Sharp;

namespace Fleet.Actors.Sources.Git;

/// <summary>
/// Writes the tree of a fetched commit straight from the object database into a directory, with no
/// index or checkout: only the `sparseCheckout` directories when given, and, with `recurseSubmodules`,
/// each submodule fetched (same credentials) and written at its path. Symbolic links are skipped,
/// as the artifact leaves them out anyway.
/// </summary>
public static class GitTreeExporter
{
    private const int MaxSubmoduleDepth = 5;

    public static Task ExportAsync(GitFetchRequest request, string commit, string destination, CancellationToken cancellation) =>
        ExportAsync(request, commit, destination, depth: 0, cancellation);

    private static async Task ExportAsync(GitFetchRequest request, string commit, string destination, int depth, CancellationToken cancellation)
    {
        var submodules = new List<(string Path, string Commit)>();
        string? modulesFile;
        using (var repository = new Repository(request.WorkingCopy))
        {
            var tree = repository.Lookup<Commit>(commit).Tree;
            Directory.CreateDirectory(destination);
            WriteTree(tree, destination, "", request.SparseCheckout, request.RecurseSubmodules ? submodules : null);
            modulesFile = (tree[".gitmodules"]?.Target as Blob)?.GetContentText();
        }
        if (submodules.Count == 0)
        {
            return;
        }
        if (depth >= MaxSubmoduleDepth)
        {
            throw new GitFetchException(SourceConditions.GitOperationFailedReason, $"submodules nest deeper than {MaxSubmoduleDepth} levels");
        }
        var urls = GitModulesFile.Parse(modulesFile ?? "");
        foreach (var (path, submoduleCommit) in submodules)
        {
            if (!urls.TryGetValue(path, out var url))
            {
                throw new GitFetchException(SourceConditions.GitOperationFailedReason, $"submodule '{path}' has no URL in .gitmodules");
            }
            var absolute = GitModulesFile.ResolveUrl(request.Url, url);
            var nested = request with
            {
                Url = absolute,
                Reference = new GitRepositoryRef { Commit = submoduleCommit },
                WorkingCopy = Path.Combine(request.WorkingCopy, "fleet-submodules", Uri.EscapeDataString(path)),
                SparseCheckout = null,
            };
            var result = await GitFetcher.FetchAsync(nested, cancellation);
            await ExportAsync(nested, result.Commit, Path.Combine(destination, path), depth + 1, cancellation);
        }
    }

    private static void WriteTree(Tree tree, string directory, string prefix, IReadOnlyList<string>? sparse, List<(string, string)>? submodules)
    {
        foreach (var entry in tree)
        {
            var path = prefix.Length == 0 ? entry.Name : $"{prefix}/{entry.Name}";
            if (!InSparseSet(path, sparse, entry.TargetType == TreeEntryTargetType.Tree))
            {
                continue;
            }
            var target = Path.Combine(directory, entry.Name);
            switch (entry.Mode)
            {
                case Mode.Directory:
                    Directory.CreateDirectory(target);
                    WriteTree((Tree)entry.Target, target, path, sparse, submodules);
                    break;
                case Mode.NonExecutableFile or Mode.NonExecutableGroupWritableFile or Mode.ExecutableFile:
                    using (var content = ((Blob)entry.Target).GetContentStream())
                    using (var output = File.Create(target))
                    {
                        content.CopyTo(output);
                    }
                    if (!OperatingSystem.IsWindows())
                    {
                        File.SetUnixFileMode(target, entry.Mode == Mode.ExecutableFile ? (UnixFileMode)0b111_101_101 : (UnixFileMode)0b110_100_100);
                    }
                    break;
                case Mode.GitLink:
                    Directory.CreateDirectory(target);
                    submodules?.Add((path, entry.Target.Sha));
                    break;
            }
        }
    }

    /// <summary>A path belongs to a sparse checkout if it lies in a listed directory or leads to one.</summary>
    private static bool InSparseSet(string path, IReadOnlyList<string>? sparse, bool isDirectory)
    {
        if (sparse is null || sparse.Count == 0)
        {
            return true;
        }
        foreach (var raw in sparse)
        {
            var wanted = raw.Trim('/').Replace("./", "", StringComparison.Ordinal);
            if (wanted.Length == 0 || path == wanted || path.StartsWith(wanted + "/", StringComparison.Ordinal) ||
                (isDirectory && wanted.StartsWith(path + "/", StringComparison.Ordinal)))
            {
                return true;
            }
        }
        return false;
    }
}
