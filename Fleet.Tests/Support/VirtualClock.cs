namespace Fleet.Tests.Support;

/// <summary>
/// A clock that only moves when told to. <see cref="RunAsync{T}"/> runs work that waits through this clock and,
/// whenever the work is parked on a timer, jumps straight to that timer's due time, so minutes of polling take
/// milliseconds and the virtual time elapsed is exact.
/// </summary>
public sealed class VirtualClock(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<VirtualTimer> _timers = [];
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new VirtualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Timers that will fire if time moves on.</summary>
    public int PendingTimers
    {
        get
        {
            lock (_gate)
            {
                return _timers.Count;
            }
        }
    }

    /// <summary>
    /// Starts <paramref name="work"/> on the thread pool and fires its timers one by one, each as soon as the work is
    /// parked on it. Bounded: at most <paramref name="maxTimers"/> timers, and 10 s of real time for the work to either
    /// finish or park again.
    /// </summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> work, int maxTimers = 1000)
    {
        var task = Task.Run(work);
        for (var fired = 0; fired <= maxTimers; fired++)
        {
            await ParkedOrDoneAsync(task);
            if (task.IsCompleted)
            {
                return await task;
            }

            FireNext();
        }

        throw new InvalidOperationException($"still running after {maxTimers} timers");
    }

    /// <summary>Waits in real time, up to 10 s, until the work has finished or waits on a timer.</summary>
    public async Task ParkedOrDoneAsync(Task task)
    {
        var limit = DateTime.UtcNow.AddSeconds(10);
        while (!task.IsCompleted && PendingTimers == 0)
        {
            if (DateTime.UtcNow > limit)
            {
                throw new TimeoutException("the work neither finished nor waited on a timer within 10 s");
            }

            await Task.Delay(1);
        }
    }

    /// <summary>Moves time to the earliest pending timer and fires it.</summary>
    public void FireNext()
    {
        VirtualTimer next;
        lock (_gate)
        {
            next = _timers.MinBy(t => t.Due) ?? throw new InvalidOperationException("no timer pending");
            if (next.Due > _now)
            {
                _now = next.Due;
            }

            _timers.Remove(next);
            if (next.Period > TimeSpan.Zero && next.Period != Timeout.InfiniteTimeSpan)
            {
                next.Due = _now + next.Period;
                _timers.Add(next);
            }
        }

        next.Fire();
    }

    private sealed class VirtualTimer(VirtualClock clock, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset Due { get; set; }

        public TimeSpan Period { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._gate)
            {
                clock._timers.Remove(this);
                Period = period;
                if (dueTime != Timeout.InfiniteTimeSpan)
                {
                    Due = clock._now + dueTime;
                    clock._timers.Add(this);
                }
            }

            return true;
        }

        public void Fire() => callback(state);

        public void Dispose()
        {
            lock (clock._gate)
            {
                clock._timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
