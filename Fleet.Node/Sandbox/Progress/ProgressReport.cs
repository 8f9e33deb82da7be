namespace Fleet.Node.Sandbox.Progress;

/// <summary>
/// Turns successive snapshots of the watched objects into what the sandbox prints: one line whenever an object's
/// state or message changes, and whether everything is Ready. Pure, so tests feed it snapshots directly.
/// </summary>
public sealed class ProgressReport(IReadOnlyList<string> ids)
{
    // Wide enough for Flux's longest common reasons (ReconciliationFailed), so most lines align.
    private const int StateWidth = 20;
    private readonly int _idWidth = ids.Max(id => id.Length);
    private readonly Dictionary<string, (string State, string Message)> _shown = new(StringComparer.Ordinal);
    private bool _allReady;

    /// <summary>The lines to print for this snapshot (only changes) and whether every watched object is Ready.</summary>
    public ProgressUpdate Observe(IReadOnlyList<ObjectReadiness> snapshot)
    {
        var lines = new List<string>();
        foreach (var item in snapshot)
        {
            var now = (item.State, item.Message);
            if (_shown.TryGetValue(item.Id, out var before) && before == now)
            {
                continue;
            }
            _shown[item.Id] = now;
            lines.Add(Line(item));
        }
        var allReady = ids.All(id => snapshot.Any(s => s.Id == id && s.Ready));
        var becameReady = allReady && !_allReady;
        _allReady = allReady;
        return new ProgressUpdate(lines, allReady, becameReady);
    }

    /// <summary>What a timeout prints: each watched object that is not Ready, with all its conditions.</summary>
    public IReadOnlyList<string> NotReady(IReadOnlyList<ObjectReadiness> snapshot)
    {
        var lines = new List<string>();
        foreach (var id in ids)
        {
            var item = snapshot.FirstOrDefault(s => s.Id == id) ?? ObjectReadiness.From(id, null);
            if (item.Ready)
            {
                continue;
            }
            lines.Add(Line(item));
            lines.AddRange(item.Conditions.Select(c =>
                $"    {c.Type}={c.Status}{(c.Reason.Length > 0 ? $" ({c.Reason})" : "")}{(c.Message.Length > 0 ? $": {c.Message}" : "")}"));
        }
        return lines;
    }

    private string Line(ObjectReadiness item) =>
        $"{item.Id.PadRight(_idWidth)}  {item.State.PadRight(StateWidth)}  {item.Message}".TrimEnd();
}
