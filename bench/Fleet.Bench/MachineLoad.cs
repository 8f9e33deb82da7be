namespace Fleet.Bench;

/// <summary>What else the machine is doing: every figure is printed with it.</summary>
public static class MachineLoad
{
    /// <summary>The 1, 5 and 15 minute load averages.</summary>
    public static string Average() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
