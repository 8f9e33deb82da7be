using System.Diagnostics;

namespace Fleet.Tests.Support;

/// <summary>Polls a condition that becomes true asynchronously, failing with what was awaited.</summary>
public static class Eventually
{
    public static async Task True(Func<bool> condition, TimeSpan timeout, Func<string> what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"timed out after {timeout.TotalSeconds} s waiting for {what()}");
            }
            await Task.Delay(100);
        }
    }

    /// <inheritdoc cref="True(Func{bool}, TimeSpan, Func{string})"/>
    public static async Task True(Func<Task<bool>> condition, TimeSpan timeout, Func<string> what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"timed out after {timeout.TotalSeconds} s waiting for {what()}");
            }
            await Task.Delay(100);
        }
    }
}
