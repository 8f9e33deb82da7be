using Fleet.Actors.Apply.Health;
using static Fleet.Actors.Apply.Health.HealthStatus;

namespace Fleet.Tests.Apply.Health;

/// <summary>Flux's Job reader: a started Job is not healthy until it completes, and the generic checks do not apply.</summary>
public sealed class KStatusJobTests
{
    private const string Job = "'apiVersion':'batch/v1','kind':'Job','metadata':{'name':'j'}";

    public static TheoryData<string, string, HealthStatus, string, string> Cases => new()
    {
        { "suspended Job", $"{{{Job},'spec':{{'suspend':true}},'status':{{'conditions':[{{'type':'Failed','status':'True'}}]}}}}", Current, "", "Job is suspended" },
        {
            "completed Job",
            $"{{{Job},'spec':{{'completions':3}},'status':{{'startTime':'2026-01-01T00:00:00Z','succeeded':3,'conditions':[{{'type':'Complete','status':'True'}}]}}}}",
            Current, "", "Job Completed. succeeded: 3/3"
        },
        {
            "failed Job",
            $"{{{Job},'status':{{'startTime':'2026-01-01T00:00:00Z','failed':7,'conditions':[{{'type':'Failed','status':'True','reason':'BackoffLimitExceeded'}}]}}}}",
            Failed, "JobFailed", "Job Failed. failed: 7/1"
        },
        { "Job not started", $"{{{Job},'spec':{{'parallelism':2}}}}", InProgress, "JobNotStarted", "Job not started. active: 0/2" },
        {
            "running Job is still in progress",
            $"{{{Job},'status':{{'startTime':'2026-01-01T00:00:00Z','active':1,'succeeded':0,'conditions':[{{'type':'Complete','status':'False'}}]}}}}",
            InProgress, "JobInProgress", "Job in progress. success:0, active: 1, failed: 0"
        },
        {
            "completions default to parallelism",
            $"{{{Job},'spec':{{'parallelism':4}},'status':{{'startTime':'2026-01-01T00:00:00Z','succeeded':4,'conditions':[{{'type':'Complete','status':'True'}}]}}}}",
            Current, "", "Job Completed. succeeded: 4/4"
        },
        {
            "generic checks are skipped: a deleting, Stalled, unobserved Job that completed is Current",
            "{'apiVersion':'batch/v1','kind':'Job','metadata':{'name':'j','generation':2,'deletionTimestamp':'2026-01-01T00:00:00Z'},'status':{'observedGeneration':1,'conditions':[{'type':'Stalled','status':'True'},{'type':'Complete','status':'True'}]}}",
            Current, "", "Job Completed. succeeded: 0/1"
        },
        {
            "a Job outside the batch group uses the generic rules",
            "{'apiVersion':'example.com/v1','kind':'Job','metadata':{'name':'j'},'status':{'startTime':'2026-01-01T00:00:00Z'}}",
            Current, "", "Resource is current"
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Rule(string rule, string json, HealthStatus status, string reason, string message) =>
        KStatusCase.Check(rule, json, status, reason, message);
}
