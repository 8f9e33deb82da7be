using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Fleet.Node.Sandbox.Objects;

namespace Fleet.Node.Sandbox.Controllers;

/// <summary>
/// The status the real workload controllers would report, computed from the object alone, so health checks
/// (kstatus, helm --wait, kubectl wait) can pass. A workload carrying <see cref="FailAnnotation"/> = "true" fails
/// instead: a Deployment exceeds its progress deadline, a Job hits its backoff limit, a StatefulSet, DaemonSet or
/// ReplicaSet never gets ready pods, a Pod crash-loops.
/// </summary>
public static class WorkloadSimulation
{
    /// <summary>Set to "true" on a workload to make the simulated controller report a failure.</summary>
    public const string FailAnnotation = "sandbox.fleet.dev/simulate-failure";

    public const string TemplateHashLabel = "pod-template-hash";

    public static bool Fails(JsonObject obj) => obj["metadata"]?["annotations"]?[FailAnnotation]?.GetValue<string>() == "true";

    /// <summary>The status for a workload kind, or null for kinds the simulation leaves alone.</summary>
    public static JsonObject? Status(string group, string kind, JsonObject obj, string now, string? replicaSetName = null) => (group, kind) switch
    {
        ("apps", "Deployment") => Deployment(obj, now, replicaSetName ?? ""),
        ("apps", "ReplicaSet") => ReplicaSet(obj),
        ("apps", "StatefulSet") => StatefulSet(obj),
        ("apps", "DaemonSet") => DaemonSet(obj),
        ("batch", "Job") => Job(obj, now),
        ("", "Pod") => Pod(obj, now),
        ("", "PersistentVolumeClaim") => new JsonObject { ["phase"] = "Bound", ["accessModes"] = obj["spec"]?["accessModes"]?.DeepClone(), ["capacity"] = obj["spec"]?["resources"]?["requests"]?.DeepClone() },
        _ => null,
    };

    /// <summary>A short stable hash of a pod template, as the Deployment controller names its ReplicaSets.</summary>
    public static string TemplateHash(JsonNode? template)
    {
        const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(template?.ToJsonString() ?? ""));
        var chars = new char[10];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = alphabet[bytes[i] % alphabet.Length];
        }

        return new string(chars);
    }

    /// <summary>The ReplicaSet a Deployment's controller keeps for its current template: labels and template carry
    /// the template hash, the selector adds it, and a controller owner reference points back.</summary>
    public static JsonObject ReplicaSetFor(JsonObject deployment)
    {
        var metadata = deployment["metadata"]!;
        var spec = deployment["spec"]!;
        var hash = TemplateHash(spec["template"]);
        var template = spec["template"]!.DeepClone().AsObject();
        var templateMetadata = template["metadata"] as JsonObject ?? new JsonObject();
        template["metadata"] = templateMetadata;
        var labels = templateMetadata["labels"] as JsonObject ?? new JsonObject();
        templateMetadata["labels"] = labels;
        labels[TemplateHashLabel] = hash;
        var selector = spec["selector"]?.DeepClone() as JsonObject ?? new JsonObject();
        var matchLabels = selector["matchLabels"] as JsonObject ?? new JsonObject();
        selector["matchLabels"] = matchLabels;
        matchLabels[TemplateHashLabel] = hash;
        var annotations = new JsonObject
        {
            ["deployment.kubernetes.io/desired-replicas"] = (JsonNumber.AsLong(spec["replicas"]) ?? 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["deployment.kubernetes.io/max-replicas"] = (JsonNumber.AsLong(spec["replicas"]) ?? 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["deployment.kubernetes.io/revision"] = "1",
        };
        if (Fails(deployment))
        {
            annotations[FailAnnotation] = "true";
        }

        return new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "ReplicaSet",
            ["metadata"] = new JsonObject
            {
                ["name"] = $"{metadata["name"]!.GetValue<string>()}-{hash}",
                ["namespace"] = metadata["namespace"]?.DeepClone(),
                ["labels"] = labels.DeepClone(),
                ["annotations"] = annotations,
                ["ownerReferences"] = new JsonArray(new JsonObject
                {
                    ["apiVersion"] = "apps/v1",
                    ["kind"] = "Deployment",
                    ["name"] = metadata["name"]!.DeepClone(),
                    ["uid"] = metadata["uid"]!.DeepClone(),
                    ["controller"] = true,
                    ["blockOwnerDeletion"] = true,
                }),
            },
            ["spec"] = new JsonObject
            {
                ["replicas"] = JsonNumber.AsLong(spec["replicas"]) ?? 1,
                ["selector"] = selector,
                ["template"] = template,
            },
        };
    }

    private static long Replicas(JsonObject obj) => JsonNumber.AsLong(obj["spec"]?["replicas"]) ?? 1;

    private static long Generation(JsonObject obj) => JsonNumber.AsLong(obj["metadata"]?["generation"]) ?? 1;

    private static JsonObject Deployment(JsonObject obj, string now, string replicaSetName)
    {
        var replicas = Replicas(obj);
        var previous = obj["status"]?["conditions"];
        var fails = Fails(obj);
        var ready = fails ? 0 : replicas;
        var status = new JsonObject
        {
            ["observedGeneration"] = Generation(obj),
            ["replicas"] = replicas,
            ["updatedReplicas"] = replicas,
            ["readyReplicas"] = ready,
            ["availableReplicas"] = ready,
        };
        if (fails)
        {
            status["unavailableReplicas"] = replicas;
        }

        status["conditions"] = new JsonArray(
            fails
                ? Conditions.Make(previous, "Available", "False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability.", now, withUpdateTime: true)
                : Conditions.Make(previous, "Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability.", now, withUpdateTime: true),
            fails
                ? Conditions.Make(previous, "Progressing", "False", "ProgressDeadlineExceeded", $"ReplicaSet \"{replicaSetName}\" has timed out progressing.", now, withUpdateTime: true)
                : Conditions.Make(previous, "Progressing", "True", "NewReplicaSetAvailable", $"ReplicaSet \"{replicaSetName}\" has successfully progressed.", now, withUpdateTime: true));
        return status;
    }

    private static JsonObject ReplicaSet(JsonObject obj)
    {
        var replicas = Replicas(obj);
        var ready = Fails(obj) ? 0 : replicas;
        return new JsonObject
        {
            ["replicas"] = replicas,
            ["fullyLabeledReplicas"] = replicas,
            ["readyReplicas"] = ready,
            ["availableReplicas"] = ready,
            ["observedGeneration"] = Generation(obj),
        };
    }

    private static JsonObject StatefulSet(JsonObject obj)
    {
        var replicas = Replicas(obj);
        var ready = Fails(obj) ? 0 : replicas;
        var revision = $"{obj["metadata"]!["name"]!.GetValue<string>()}-{TemplateHash(obj["spec"]?["template"])}";
        return new JsonObject
        {
            ["observedGeneration"] = Generation(obj),
            ["replicas"] = replicas,
            ["readyReplicas"] = ready,
            ["currentReplicas"] = replicas,
            ["updatedReplicas"] = replicas,
            ["availableReplicas"] = ready,
            ["currentRevision"] = revision,
            ["updateRevision"] = revision,
            ["collisionCount"] = 0,
        };
    }

    private static JsonObject DaemonSet(JsonObject obj)
    {
        var ready = Fails(obj) ? 0 : 1;
        return new JsonObject
        {
            ["observedGeneration"] = Generation(obj),
            ["desiredNumberScheduled"] = 1,
            ["currentNumberScheduled"] = 1,
            ["updatedNumberScheduled"] = 1,
            ["numberAvailable"] = ready,
            ["numberReady"] = ready,
            ["numberMisscheduled"] = 0,
        };
    }

    private static JsonObject Job(JsonObject obj, string now)
    {
        var previous = obj["status"];
        var start = previous?["startTime"]?.GetValue<string>() ?? now;
        if (obj["spec"]?["suspend"]?.GetValue<bool>() == true)
        {
            return new JsonObject { ["active"] = 0 };
        }

        if (Fails(obj))
        {
            var backoff = JsonNumber.AsLong(obj["spec"]?["backoffLimit"]) ?? 6;
            return new JsonObject
            {
                ["startTime"] = start,
                ["failed"] = backoff + 1,
                ["terminating"] = 0,
                ["ready"] = 0,
                ["conditions"] = new JsonArray(
                    Conditions.Make(previous?["conditions"], "FailureTarget", "True", "BackoffLimitExceeded", "Job has reached the specified backoff limit", now, withUpdateTime: true),
                    Conditions.Make(previous?["conditions"], "Failed", "True", "BackoffLimitExceeded", "Job has reached the specified backoff limit", now, withUpdateTime: true)),
            };
        }

        return new JsonObject
        {
            ["startTime"] = start,
            ["completionTime"] = previous?["completionTime"]?.GetValue<string>() ?? now,
            ["succeeded"] = JsonNumber.AsLong(obj["spec"]?["completions"]) ?? 1,
            ["terminating"] = 0,
            ["ready"] = 0,
            ["conditions"] = new JsonArray(
                Conditions.Make(previous?["conditions"], "SuccessCriteriaMet", "True", "CompletionsReached", "Reached expected number of succeeded pods", now, withUpdateTime: true),
                Conditions.Make(previous?["conditions"], "Complete", "True", "CompletionsReached", "Reached expected number of succeeded pods", now, withUpdateTime: true)),
        };
    }

    private static JsonObject Pod(JsonObject obj, string now)
    {
        var previous = obj["status"];
        var fails = Fails(obj);
        var containers = new JsonArray();
        foreach (var container in (obj["spec"]?["containers"] as JsonArray ?? []).OfType<JsonObject>())
        {
            containers.Add(new JsonObject
            {
                ["name"] = container["name"]?.DeepClone(),
                ["image"] = container["image"]?.DeepClone(),
                ["ready"] = !fails,
                ["restartCount"] = fails ? 5 : 0,
                ["started"] = !fails,
                ["state"] = fails
                    ? new JsonObject { ["waiting"] = new JsonObject { ["reason"] = "CrashLoopBackOff" } }
                    : new JsonObject { ["running"] = new JsonObject { ["startedAt"] = previous?["startTime"]?.GetValue<string>() ?? now } },
            });
        }

        var readyStatus = fails ? "False" : "True";
        // A pod that is not restarted (a helm test hook, a Job's pod) runs to completion, as its container would.
        var completes = obj["spec"]?["restartPolicy"]?.GetValue<string>() is "Never" or "OnFailure";
        return new JsonObject
        {
            ["phase"] = completes ? (fails ? "Failed" : "Succeeded") : "Running",
            ["conditions"] = new JsonArray(
                Conditions.Make(previous?["conditions"], "PodScheduled", "True", "", "", now),
                Conditions.Make(previous?["conditions"], "Ready", readyStatus, fails ? "ContainersNotReady" : "", "", now)),
            ["hostIP"] = "10.0.0.1",
            ["podIP"] = "10.244.0.10",
            ["startTime"] = previous?["startTime"]?.GetValue<string>() ?? now,
            ["containerStatuses"] = containers,
        };
    }
}
