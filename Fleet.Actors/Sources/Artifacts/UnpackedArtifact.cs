namespace Fleet.Actors.Sources.Artifacts;

/// <summary>
/// A lease on an unpacked artifact: its directory stays while the lease is held. Readers must not change it;
/// other builds read it at the same time.
/// </summary>
public sealed class UnpackedArtifact(string root, Action release) : IDisposable
{
    private int _released;

    /// <summary>The directory holding the unpacked artifact.</summary>
    public string Root { get; } = root;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            release();
        }
    }
}
