using System.Text.Json.Nodes;
using Fleet.Actors.Kube;

namespace Fleet.Actors.Apply.Health;

/// <summary>
/// Flux's Job reader, which replaces kstatus's: a running Job is still InProgress, because a health check on a Job
/// means "wait until it has run". Like Flux's reader it looks at the Job alone, without the generic checks.
/// </summary>
internal static class JobRule
{
    public static ObjectHealth Compute(JsonObject obj)
    {
        if (ObjectFields.Bool(obj, "spec.suspend") == true)
        {
            return ObjectHealth.Current("Job is suspended");
        }

        var parallelism = ObjectFields.Long(obj, "spec.parallelism", 1);
        var completions = ObjectFields.Long(obj, "spec.completions", parallelism);
        var active = ObjectFields.Long(obj, "status.active", 0);
        var succeeded = ObjectFields.Long(obj, "status.succeeded", 0);
        var failed = ObjectFields.Long(obj, "status.failed", 0);
        foreach (var condition in ObjectConditions.Of(obj))
        {
            if (condition is { Type: "Complete", Status: "True" })
            {
                return ObjectHealth.Current($"Job Completed. succeeded: {succeeded}/{completions}");
            }

            if (condition is { Type: "Failed", Status: "True" })
            {
                return ObjectHealth.Failed("JobFailed", $"Job Failed. failed: {failed}/{completions}");
            }
        }

        return ObjectFields.String(obj, "status.startTime", "") == ""
            ? ObjectHealth.InProgress("JobNotStarted", $"Job not started. active: 0/{parallelism}")
            : ObjectHealth.InProgress("JobInProgress", $"Job in progress. success:{succeeded}, active: {active}, failed: {failed}");
    }
}
