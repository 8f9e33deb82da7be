namespace Fleet.Tests.Cluster;

/// <summary>
/// Reads merged per-node run logs for the one thing sharding must never allow: two runs of one object on two nodes
/// at the same time. A run a killed node never finished ends at its kill; one still open on a live node runs on.
/// </summary>
public static class RunOverlaps
{
    public static IReadOnlyList<string> Find(IEnumerable<RunLine> lines, IReadOnlyList<(string Node, TimeSpan At)> kills)
    {
        var overlaps = new List<string>();
        foreach (var runs in lines.GroupBy(l => l.Object))
        {
            var spans = runs.GroupBy(l => l.Node).SelectMany(node => Spans(node.Key, [.. node.OrderBy(l => l.At)], kills)).OrderBy(s => s.Start).ToList();
            for (var i = 0; i < spans.Count; i++)
            {
                for (var j = i + 1; j < spans.Count && spans[j].Start < spans[i].End; j++)
                {
                    if (spans[j].Node != spans[i].Node)
                    {
                        overlaps.Add($"{runs.Key}: on {spans[i].Node} {spans[i].Start.TotalSeconds:F2}-{spans[i].End.TotalSeconds:F2} s and on {spans[j].Node} from {spans[j].Start.TotalSeconds:F2} s");
                    }
                }
            }
        }
        return overlaps;
    }

    private static IEnumerable<(string Node, TimeSpan Start, TimeSpan End)> Spans(string node, IReadOnlyList<RunLine> lines, IReadOnlyList<(string Node, TimeSpan At)> kills)
    {
        TimeSpan? open = null;
        foreach (var line in lines)
        {
            if (line.Started)
            {
                if (open is { } start)
                {
                    yield return (node, start, EndOfOpenRun(node, start, kills));
                }
                open = line.At;
            }
            else if (open is { } start)
            {
                yield return (node, start, line.At);
                open = null;
            }
        }
        if (open is { } last)
        {
            yield return (node, last, EndOfOpenRun(node, last, kills));
        }
    }

    /// <summary>A run with no end line ended when its node was next killed, or is still running.</summary>
    private static TimeSpan EndOfOpenRun(string node, TimeSpan start, IReadOnlyList<(string Node, TimeSpan At)> kills) =>
        kills.Where(k => k.Node == node && k.At >= start).Select(k => (TimeSpan?)k.At).Min() ?? TimeSpan.MaxValue;
}
