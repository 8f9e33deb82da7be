using System.Diagnostics;

namespace Fleet.Bench;

/// <summary>This process's CPU time and bytes allocated so far, and its live managed heap on request.</summary>
public readonly record struct ProcessSample(TimeSpan Cpu, long Allocated, DateTime At)
{
    public static ProcessSample Take()
    {
        using var self = Process.GetCurrentProcess();
        return new ProcessSample(self.TotalProcessorTime, GC.GetTotalAllocatedBytes(precise: true), DateTime.UtcNow);
    }

    /// <summary>Live managed heap after full blocking, compacting collections (twice, finalizers between, so finalizable garbage is gone too).</summary>
    public static long LiveHeap()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: false);
    }

    /// <summary>The heap size the last full blocking collection left, as the GC reports it (fragmentation included).</summary>
    public static long GcHeapSize() => GC.GetGCMemoryInfo(GCKind.FullBlocking).HeapSizeBytes;

    /// <summary>CPU milliseconds per minute of wall time since <paramref name="start"/>.</summary>
    public double CpuMsPerMinuteSince(ProcessSample start) =>
        (Cpu - start.Cpu).TotalMilliseconds / (At - start.At).TotalMinutes;
}
