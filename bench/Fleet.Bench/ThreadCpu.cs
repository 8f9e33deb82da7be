using System.Globalization;

namespace Fleet.Bench;

/// <summary>
/// CPU time per thread of this process from /proc (Linux), grouped by thread name: where an idle process spends
/// its time, without a profiler. Names are the kernel's 15-character thread names (".NET TP Worker", ...).
/// </summary>
public sealed class ThreadCpu
{
    private readonly Dictionary<int, (string Name, long Ticks)> _threads;

    private ThreadCpu(Dictionary<int, (string Name, long Ticks)> threads) => _threads = threads;

    /// <summary>The threads of this process, or of the process whose /proc directory is <paramref name="process"/>.</summary>
    public static ThreadCpu Take(string process = "/proc/self")
    {
        var threads = new Dictionary<int, (string Name, long Ticks)>();
        if (!Directory.Exists(Path.Combine(process, "task")))
        {
            return new ThreadCpu(threads);
        }
        foreach (var task in Directory.EnumerateDirectories(Path.Combine(process, "task")))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(task, "stat"));
                // Fields after the parenthesised name: state is field 3, utime 14 and stime 15.
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                threads[int.Parse(Path.GetFileName(task), CultureInfo.InvariantCulture)] = (File.ReadAllText(Path.Combine(task, "comm")).Trim(), ticks);
            }
            catch (IOException)
            {
                // The thread ended between listing and reading.
            }
        }
        return new ThreadCpu(threads);
    }

    /// <summary>The <paramref name="top"/> thread names by CPU since <paramref name="start"/>, as "name ms" (kernel ticks are 10 ms).</summary>
    public string TopSince(ThreadCpu start, int top = 6) =>
        string.Join(", ", _threads
            .Select(thread => (thread.Value.Name, Ticks: thread.Value.Ticks - (start._threads.TryGetValue(thread.Key, out var before) ? before.Ticks : 0)))
            .GroupBy(thread => thread.Name)
            .Select(group => (Name: group.Key, Count: group.Count(), Ms: group.Sum(thread => thread.Ticks) * 10))
            .OrderByDescending(group => group.Ms)
            .Take(top)
            .Select(group => $"{group.Name} ×{group.Count} {group.Ms} ms"));
}
