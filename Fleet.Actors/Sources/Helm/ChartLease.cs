namespace Fleet.Actors.Sources.Helm;

/// <summary>A cached chart package held in place until disposed.</summary>
public sealed class ChartLease(string path, Action release) : IDisposable
{
    private int _released;

    public string Path { get; } = path;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            release();
        }
    }
}
