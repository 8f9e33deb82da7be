namespace Fleet.Node.Hosting;

/// <summary>
/// Whether this node's watches have listed every kind once, so its shard regions have heard of every object: part of
/// readiness. A node without an API server has nothing to sync.
/// </summary>
public sealed class WatchSync
{
    private readonly HashSet<string> _listed = [];
    private int? _expected;

    public bool Synced
    {
        get
        {
            lock (_listed)
            {
                return _expected is not { } expected || _listed.Count >= expected;
            }
        }
    }

    /// <summary>The node will watch <paramref name="kinds"/> kinds; until each has listed once it is not synced.</summary>
    public void Expect(int kinds)
    {
        lock (_listed)
        {
            _expected = kinds;
        }
    }

    public void Listed(string kind)
    {
        lock (_listed)
        {
            _listed.Add(kind);
        }
    }
}
