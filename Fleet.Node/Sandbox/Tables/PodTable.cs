using System.Text.Json.Nodes;
using static Fleet.Node.Sandbox.Tables.CellText;

namespace Fleet.Node.Sandbox.Tables;

/// <summary>The READY, STATUS and RESTARTS cells of a Pod, computed as the real server's pod printer does.</summary>
public static class PodTable
{
    public static string Ready(JsonObject pod) =>
        $"{Items(pod, "status.containerStatuses").Count(c => c["ready"]?.GetValue<bool>() == true && c["state"]?["running"] is not null)}/{Items(pod, "spec.containers").Count()}";

    public static string Status(JsonObject pod)
    {
        var reason = Text(pod, "status.reason") is { Length: > 0 } r ? r : Text(pod, "status.phase");
        var initializing = false;
        var init = Items(pod, "status.initContainerStatuses").ToList();
        for (var i = 0; i < init.Count; i++)
        {
            var state = init[i]["state"];
            if (state?["terminated"] is JsonObject done && Objects.JsonNumber.AsLong(done["exitCode"]) == 0)
            {
                continue;
            }

            initializing = true;
            reason = state?["terminated"] is JsonObject failed ? "Init:" + Terminated(failed)
                : state?["waiting"]?["reason"]?.GetValue<string>() is { Length: > 0 } waiting && waiting != "PodInitializing" ? "Init:" + waiting
                : $"Init:{i}/{Items(pod, "spec.initContainers").Count()}";
            break;
        }

        if (!initializing)
        {
            var hasRunning = false;
            foreach (var container in Items(pod, "status.containerStatuses").Reverse())
            {
                var state = container["state"];
                if (state?["waiting"]?["reason"]?.GetValue<string>() is { Length: > 0 } waiting)
                {
                    reason = waiting;
                }
                else if (state?["terminated"] is JsonObject terminated)
                {
                    reason = Terminated(terminated);
                }
                else if (container["ready"]?.GetValue<bool>() == true && state?["running"] is not null)
                {
                    hasRunning = true;
                }
            }

            if (reason == "Completed" && hasRunning)
            {
                reason = ObjectConditionsReady(pod) ? "Running" : "NotReady";
            }
        }

        if (pod["metadata"]?["deletionTimestamp"] is not null && reason is not ("Succeeded" or "Failed"))
        {
            reason = Text(pod, "status.reason") == "NodeLost" ? "Unknown" : "Terminating";
        }

        return reason;
    }

    /// <summary>The summed restart count, with how long ago the last one was when there was one.</summary>
    public static string Restarts(JsonObject pod, DateTimeOffset now)
    {
        long restarts = 0;
        DateTimeOffset? last = null;
        foreach (var container in Items(pod, "status.containerStatuses"))
        {
            restarts += Objects.JsonNumber.AsLong(container["restartCount"]) ?? 0;
            if (container["lastState"]?["terminated"] is JsonObject terminated && Time(terminated, "finishedAt") is { } finished && (last is null || finished > last))
            {
                last = finished;
            }
        }

        return restarts != 0 && last is { } at ? $"{restarts} ({HumanDuration(now - at)} ago)" : restarts.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public static string ReadinessGates(JsonObject pod)
    {
        var gates = Items(pod, "spec.readinessGates").Select(g => KubectlJsonPath.Text(g["conditionType"])).ToList();
        if (gates.Count == 0)
        {
            return None;
        }

        var met = Items(pod, "status.conditions").Count(c => gates.Contains(KubectlJsonPath.Text(c["type"])) && KubectlJsonPath.Text(c["status"]) == "True");
        return $"{met}/{gates.Count}";
    }

    private static string Terminated(JsonObject terminated) =>
        terminated["reason"]?.GetValue<string>() is { Length: > 0 } reason ? reason
            : Objects.JsonNumber.AsLong(terminated["signal"]) is long signal and not 0 ? $"Signal:{signal}"
            : $"ExitCode:{Objects.JsonNumber.AsLong(terminated["exitCode"]) ?? 0}";

    private static bool ObjectConditionsReady(JsonObject pod) =>
        Items(pod, "status.conditions").Any(c => KubectlJsonPath.Text(c["type"]) == "Ready" && KubectlJsonPath.Text(c["status"]) == "True");
}
