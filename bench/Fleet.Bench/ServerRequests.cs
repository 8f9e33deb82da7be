using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Fleet.Bench;

/// <summary>
/// Counts the requests the in-process API server completed, by method, from ASP.NET Core's own
/// `http.server.request.duration` measurements: which calls a reconcile costs the API server, without a proxy.
/// </summary>
public sealed class ServerRequests : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, (long Count, double Seconds)> _byMethod = new();

    public ServerRequests()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Microsoft.AspNetCore.Hosting" && instrument.Name == "http.server.request.duration")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((_, seconds, tags, _) =>
        {
            var method = "?";
            foreach (var tag in tags)
            {
                if (tag.Key == "http.request.method")
                {
                    method = tag.Value as string ?? "?";
                }
            }
            _byMethod.AddOrUpdate(method, (1, seconds), (_, total) => (total.Count + 1, total.Seconds + seconds));
        });
        _listener.Start();
    }

    /// <summary>Counts so far, to subtract from a later snapshot.</summary>
    public IReadOnlyDictionary<string, (long Count, double Seconds)> Snapshot() => new Dictionary<string, (long, double)>(_byMethod);

    /// <summary>"METHOD count (mean ms)" per method since <paramref name="start"/>, and per item when <paramref name="per"/> is given.</summary>
    public string Since(IReadOnlyDictionary<string, (long Count, double Seconds)> start, int per) =>
        string.Join(", ", Snapshot()
            .Select(now => (now.Key, Count: now.Value.Count - (start.TryGetValue(now.Key, out var before) ? before.Count : 0),
                            Seconds: now.Value.Seconds - (start.TryGetValue(now.Key, out var earlier) ? earlier.Seconds : 0)))
            .Where(m => m.Count > 0)
            .OrderByDescending(m => m.Count)
            .Select(m => $"{m.Key} {m.Count} ({m.Count / (double)per:F1} each, mean {1000 * m.Seconds / m.Count:F1} ms)"));

    public void Dispose() => _listener.Dispose();
}
