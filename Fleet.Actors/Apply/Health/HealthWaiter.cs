using System.Text.Json.Nodes;

namespace Fleet.Actors.Apply.Health;

/// <summary>
/// Flux's health wait: reads every object each poll interval and computes its kstatus until all are Current, the set
/// can no longer change (only Current and Failed left), any is Failed with fail-fast, or the timeout passes. A null
/// read is NotFound; a read that throws is Unknown for that poll. All waiting goes through <paramref name="clock"/>,
/// so tests run it in virtual time; only one timer is pending at a time.
/// </summary>
public sealed class HealthWaiter(Func<ObjectRef, CancellationToken, Task<JsonObject?>> read, TimeProvider clock)
{
    public Task<HealthCheckResult> WaitAsync(IReadOnlyList<ObjectRef> objects, TimeSpan timeout, TimeSpan pollInterval, bool failFast, CancellationToken ct) =>
        WaitAsync(objects, new HashSet<ObjectRef>(), timeout, pollInterval, failFast, ct);

    /// <summary>
    /// As above, with the Jobs whose manifests set `spec.ttlSecondsAfterFinished`: the TTL controller deletes them once
    /// finished, so NotFound counts as Current for them. A Job read with that field during the wait is added.
    /// </summary>
    public async Task<HealthCheckResult> WaitAsync(
        IReadOnlyList<ObjectRef> objects,
        IReadOnlySet<ObjectRef> jobsWithTtl,
        TimeSpan timeout,
        TimeSpan pollInterval,
        bool failFast,
        CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(pollInterval, TimeSpan.Zero);
        var ttlJobs = new HashSet<ObjectRef>(jobsWithTtl);
        var last = new ObjectHealth?[objects.Count];
        var timedOut = !await PollUntilAsync(objects, last, timeout, pollInterval, ct, polled =>
        {
            foreach (var (reference, obj) in objects.Zip(polled.Objects))
            {
                if (obj is not null && IsJobWithTtl(obj))
                {
                    ttlJobs.Add(reference);
                }
            }

            var effective = objects.Select((o, i) => Effective(o, last[i]!, ttlJobs)).ToList();
            return HealthAggregate.Of(effective) == HealthStatus.Current
                || (failFast && effective.Contains(HealthStatus.Failed))
                || effective.All(s => s is HealthStatus.Current or HealthStatus.Failed);
        });

        var errors = new List<string>();
        for (var i = 0; i < objects.Count; i++)
        {
            var health = last[i];
            if (health is null)
            {
                if (!ttlJobs.Contains(objects[i]))
                {
                    errors.Add($"can't determine status for {objects[i].Subject}");
                }
            }
            else if (Effective(objects[i], health, ttlJobs) != HealthStatus.Current
                && (health.Status == HealthStatus.Failed || timedOut))
            {
                errors.Add(health.Status == HealthStatus.Unknown
                    ? $"{objects[i].Subject} status: '{health.Status}': {health.Message}"
                    : $"{objects[i].Subject} status: '{health.Status}'");
            }
        }

        var message = errors.Count == 0
            ? ""
            : $"{(timedOut ? "timeout waiting for" : "failed early due to stalled resources")}: [{string.Join(", ", errors)}]";
        return new HealthCheckResult(errors.Count == 0, message, Report(objects, last));
    }

    /// <summary>Polls until every object is gone (NotFound) or the timeout passes, as Flux waits for pruned objects.</summary>
    public async Task<HealthCheckResult> WaitForTerminationAsync(IReadOnlyList<ObjectRef> objects, TimeSpan timeout, TimeSpan pollInterval, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(pollInterval, TimeSpan.Zero);
        var last = new ObjectHealth?[objects.Count];
        var gone = await PollUntilAsync(objects, last, timeout, pollInterval, ct,
            _ => last.All(h => h!.Status == HealthStatus.NotFound));
        var remaining = objects.Where((_, i) => last[i]?.Status != HealthStatus.NotFound).ToList();
        var message = gone || remaining.Count == 0 ? "" : $"{remaining[0].Subject} termination timeout: context deadline exceeded";
        return new HealthCheckResult(gone, message, Report(objects, last));
    }

    /// <summary>Whether a manifest is a Job the TTL controller will delete after it finishes.</summary>
    public static bool IsJobWithTtl(JsonObject obj) =>
        ObjectFields.String(obj, "kind") == "Job"
        && ObjectFields.String(obj, "apiVersion", "").StartsWith("batch/", StringComparison.Ordinal)
        && ObjectFields.Long(obj, "spec.ttlSecondsAfterFinished") is not null;

    private static HealthStatus Effective(ObjectRef reference, ObjectHealth health, HashSet<ObjectRef> ttlJobs) =>
        health.Status == HealthStatus.NotFound && ttlJobs.Contains(reference) ? HealthStatus.Current : health.Status;

    private static List<(ObjectRef, ObjectHealth)> Report(IReadOnlyList<ObjectRef> objects, ObjectHealth?[] last) =>
        objects.Select((o, i) => (o, last[i] ?? ObjectHealth.Unknown("status not determined before the timeout"))).ToList();

    /// <summary>
    /// Polls at once and then every interval, storing each completed poll in <paramref name="last"/>, until
    /// <paramref name="done"/> says so (true) or the timeout passes (false). A poll cut off by the timeout is dropped.
    /// </summary>
    private async Task<bool> PollUntilAsync(
        IReadOnlyList<ObjectRef> objects,
        ObjectHealth?[] last,
        TimeSpan timeout,
        TimeSpan pollInterval,
        CancellationToken ct,
        Func<Poll, bool> done)
    {
        if (objects.Count == 0)
        {
            return true;
        }

        var deadline = clock.GetUtcNow() + timeout;
        using var reads = CancellationTokenSource.CreateLinkedTokenSource(ct);
        while (true)
        {
            var remaining = deadline - clock.GetUtcNow();
            if (remaining <= TimeSpan.Zero)
            {
                return false;
            }

            Poll poll;
            try
            {
                poll = await PollOnceAsync(objects, reads.Token).WaitAsync(remaining, clock, ct);
            }
            catch (TimeoutException)
            {
                await reads.CancelAsync();
                return false;
            }

            poll.Health.CopyTo(last, 0);
            if (done(poll))
            {
                return true;
            }

            remaining = deadline - clock.GetUtcNow();
            if (remaining <= TimeSpan.Zero)
            {
                return false;
            }

            await Task.Delay(remaining < pollInterval ? remaining : pollInterval, clock, ct);
        }
    }

    private async Task<Poll> PollOnceAsync(IReadOnlyList<ObjectRef> objects, CancellationToken ct)
    {
        var reads = await Task.WhenAll(objects.Select(o => ReadAsync(o, ct)));
        return new Poll(reads.Select(r => r.Object).ToList(), reads.Select(r => r.Health).ToArray());
    }

    private async Task<(JsonObject? Object, ObjectHealth Health)> ReadAsync(ObjectRef reference, CancellationToken ct)
    {
        try
        {
            var obj = await read(reference, ct);
            return (obj, obj is null ? ObjectHealth.NotFound : KStatus.Compute(obj, clock.GetUtcNow()));
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            return (null, ObjectHealth.Unknown(e.Message));
        }
    }

    /// <summary>One poll: what was read (null when not found or unreadable) and its health, in object order.</summary>
    private sealed record Poll(IReadOnlyList<JsonObject?> Objects, ObjectHealth[] Health);
}
