namespace Fleet.Actors.Sources.Git;

/// <summary>How refs are listed and objects fetched from one remote into a local bare working copy.</summary>
public interface IGitTransport
{
    /// <summary>The remote's refs (full name to object id), as `git ls-remote` shows them; peeled `^{}` entries left out.</summary>
    Task<IReadOnlyDictionary<string, string>> ListAsync(CancellationToken cancellation);

    /// <summary>Fetches <paramref name="refspecs"/> into the bare repository <paramref name="gitDirectory"/>, creating it
    /// when absent; depth null means full history.</summary>
    Task FetchAsync(string gitDirectory, IReadOnlyList<string> refspecs, int? depth, CancellationToken cancellation);
}
