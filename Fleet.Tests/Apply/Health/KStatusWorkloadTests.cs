using Fleet.Actors.Apply.Health;
using static Fleet.Actors.Apply.Health.HealthStatus;

namespace Fleet.Tests.Apply.Health;

/// <summary>kstatus's built-in rules for Deployment, ReplicaSet, StatefulSet and DaemonSet.</summary>
public sealed class KStatusWorkloadTests
{
    private const string Progressed = "{'type':'Progressing','status':'True','reason':'NewReplicaSetAvailable'}";
    private const string Available = "{'type':'Available','status':'True','reason':'MinimumReplicasAvailable'}";

    private static string Deployment(string spec, string status, string apiVersion = "apps/v1") =>
        $"{{'apiVersion':'{apiVersion}','kind':'Deployment','metadata':{{'name':'d'}},'spec':{{{spec}}},'status':{{{status}}}}}";

    private static string Rolled(long replicas, string conditions = $"{Progressed},{Available}") =>
        $"'replicas':{replicas},'updatedReplicas':{replicas},'readyReplicas':{replicas},'availableReplicas':{replicas},'conditions':[{conditions}]";

    private static string Workload(string kind, string spec, string status, string metadata = "") =>
        $"{{'apiVersion':'apps/v1','kind':'{kind}','metadata':{{'name':'w'{metadata}}},'spec':{{{spec}}},'status':{{{status}}}}}";

    private const string DaemonSetGenerations = ",'generation':1";

    public static TheoryData<string, string, HealthStatus, string, string> Cases => new()
    {
        { "Deployment rolled out", Deployment("'replicas':2", Rolled(2)), Current, "", "Deployment is available. Replicas: 2" },
        { "Deployment of the extensions group", Deployment("'replicas':2", Rolled(2), "extensions/v1beta1"), Current, "", "Deployment is available. Replicas: 2" },
        {
            "Deployment past its progress deadline fails at once",
            Deployment("'replicas':2", $"'conditions':[{{'type':'Progressing','status':'False','reason':'ProgressDeadlineExceeded','message':'timed out'}}]"),
            Failed, "ProgressDeadlineExceeded", "Progress deadline exceeded"
        },
        { "Deployment short of replicas", Deployment("'replicas':3", "'replicas':1"), InProgress, "LessReplicas", "Replicas: 1/3" },
        { "Deployment replicas default to 1", Deployment("", ""), InProgress, "LessReplicas", "Replicas: 0/1" },
        { "Deployment replicas that are no integer read as 1", Deployment("'replicas':3.0", Rolled(1)), Current, "", "Deployment is available. Replicas: 1" },
        { "Deployment short of updated replicas", Deployment("'replicas':3", "'replicas':3,'updatedReplicas':2"), InProgress, "LessUpdated", "Updated: 2/3" },
        { "Deployment with old pods terminating", Deployment("'replicas':3", "'replicas':5,'updatedReplicas':3"), InProgress, "ExtraPods", "Pending termination: 2" },
        { "Deployment short of available replicas", Deployment("'replicas':3", "'replicas':3,'updatedReplicas':3,'availableReplicas':1"), InProgress, "LessAvailable", "Available: 1/3" },
        { "Deployment short of ready replicas", Deployment("'replicas':3", "'replicas':3,'updatedReplicas':3,'availableReplicas':3,'readyReplicas':2"), InProgress, "LessReady", "Ready: 2/3" },
        {
            "Deployment without a progress deadline field gets the API server's 600 s, so needs Progressing",
            Deployment("'replicas':1", Rolled(1, Available)), InProgress, "ReplicaSetNotAvailable", "ReplicaSet not Available"
        },
        {
            "Deployment with an explicit 600 s deadline needs Progressing",
            Deployment("'replicas':1,'progressDeadlineSeconds':600", Rolled(1, Available)), InProgress, "ReplicaSetNotAvailable", "ReplicaSet not Available"
        },
        {
            "Deployment without a deadline (max int) is progressing by definition",
            Deployment("'replicas':1,'progressDeadlineSeconds':2147483647", Rolled(1, Available)), Current, "", "Deployment is available. Replicas: 1"
        },
        {
            "Deployment not Available",
            Deployment("'replicas':1", Rolled(1, Progressed)), InProgress, "DeploymentNotAvailable", "Deployment not Available"
        },
        { "Deployment scaled to zero", Deployment("'replicas':0", Rolled(0)), Current, "", "Deployment is available. Replicas: 0" },
        {
            "ReplicaSet with a ReplicaFailure",
            Workload("ReplicaSet", "'replicas':1", "'replicas':1,'fullyLabeledReplicas':1,'availableReplicas':1,'readyReplicas':1,'conditions':[{'type':'ReplicaFailure','status':'True'}]"),
            InProgress, "ReplicaFailure", "Replica Failure condition. Check Pods"
        },
        { "ReplicaSet short of labelled replicas", Workload("ReplicaSet", "'replicas':2", "'replicas':2,'fullyLabeledReplicas':1"), InProgress, "LessLabelled", "Labelled: 1/2" },
        { "ReplicaSet short of available replicas", Workload("ReplicaSet", "'replicas':2", "'replicas':2,'fullyLabeledReplicas':2,'availableReplicas':1"), InProgress, "LessAvailable", "Available: 1/2" },
        {
            "ReplicaSet short of ready replicas",
            Workload("ReplicaSet", "'replicas':2", "'replicas':2,'fullyLabeledReplicas':2,'availableReplicas':2,'readyReplicas':0"), InProgress, "LessReady", "Ready: 0/2"
        },
        {
            "ReplicaSet with extra pods",
            Workload("ReplicaSet", "'replicas':2", "'replicas':4,'fullyLabeledReplicas':2,'availableReplicas':2,'readyReplicas':2"), InProgress, "ExtraPods", "Pending termination: 2"
        },
        {
            "ReplicaSet available",
            Workload("ReplicaSet", "'replicas':2", "'replicas':2,'fullyLabeledReplicas':2,'availableReplicas':2,'readyReplicas':2"), Current, "", "ReplicaSet is available. Replicas: 2"
        },
        {
            "StatefulSet with OnDelete is left to the user",
            Workload("StatefulSet", "'replicas':3,'updateStrategy':{'type':'OnDelete'}", ""), Current, "", "StatefulSet is using the ondelete update strategy"
        },
        { "StatefulSet short of replicas", Workload("StatefulSet", "'replicas':3", "'replicas':2"), InProgress, "LessReplicas", "Replicas: 2/3" },
        { "StatefulSet short of ready replicas", Workload("StatefulSet", "'replicas':3", "'replicas':3,'readyReplicas':1"), InProgress, "LessReady", "Ready: 1/3" },
        { "StatefulSet with extra pods", Workload("StatefulSet", "'replicas':3", "'replicas':4,'readyReplicas':3"), InProgress, "ExtraPods", "Pending termination: 1" },
        {
            "StatefulSet partition still rolling",
            Workload("StatefulSet", "'replicas':3,'updateStrategy':{'rollingUpdate':{'partition':1}}", "'replicas':3,'readyReplicas':3,'updatedReplicas':1"),
            InProgress, "PartitionRollout", "updated: 1/2"
        },
        {
            "StatefulSet partition rolled, other checks skipped",
            Workload("StatefulSet", "'replicas':3,'updateStrategy':{'rollingUpdate':{'partition':1}}", "'replicas':3,'readyReplicas':3,'updatedReplicas':2,'currentRevision':'a','updateRevision':'b'"),
            Current, "", "Partition rollout complete. updated: 2"
        },
        { "StatefulSet short of current replicas", Workload("StatefulSet", "'replicas':3", "'replicas':3,'readyReplicas':3,'currentReplicas':2"), InProgress, "LessCurrent", "current: 2/3" },
        {
            "StatefulSet revisions differ",
            Workload("StatefulSet", "'replicas':3", "'replicas':3,'readyReplicas':3,'currentReplicas':3,'currentRevision':'a','updateRevision':'b'"),
            InProgress, "RevisionMismatch", "Waiting for updated revision to match current"
        },
        {
            "StatefulSet rolled out",
            Workload("StatefulSet", "'replicas':3", "'replicas':3,'readyReplicas':3,'currentReplicas':3,'currentRevision':'a','updateRevision':'a'"),
            Current, "", "All replicas scheduled as expected. Replicas: 3"
        },
        { "DaemonSet without generation", Workload("DaemonSet", "", "'observedGeneration':1,'desiredNumberScheduled':0"), InProgress, "NoGeneration", "DaemonSet metadata.generation not found" },
        {
            "DaemonSet without observedGeneration",
            Workload("DaemonSet", "", "'desiredNumberScheduled':0", DaemonSetGenerations), InProgress, "NoObservedGeneration", "DaemonSet status.observedGeneration not found"
        },
        { "DaemonSet without desired number", Workload("DaemonSet", "", "'observedGeneration':1", DaemonSetGenerations), InProgress, "NoDesiredNumber", "Missing .status.desiredNumberScheduled" },
        {
            "DaemonSet short of scheduled pods",
            Workload("DaemonSet", "", "'observedGeneration':1,'desiredNumberScheduled':3,'currentNumberScheduled':2", DaemonSetGenerations), InProgress, "LessCurrent", "Current: 2/3"
        },
        {
            "DaemonSet short of updated pods",
            Workload("DaemonSet", "", "'observedGeneration':1,'desiredNumberScheduled':3,'currentNumberScheduled':3,'updatedNumberScheduled':1", DaemonSetGenerations),
            InProgress, "LessUpdated", "Updated: 1/3"
        },
        {
            "DaemonSet short of available pods",
            Workload("DaemonSet", "", "'observedGeneration':1,'desiredNumberScheduled':3,'currentNumberScheduled':3,'updatedNumberScheduled':3,'numberAvailable':2", DaemonSetGenerations),
            InProgress, "LessAvailable", "Available: 2/3"
        },
        {
            "DaemonSet short of ready pods",
            Workload("DaemonSet", "", "'observedGeneration':1,'desiredNumberScheduled':3,'currentNumberScheduled':3,'updatedNumberScheduled':3,'numberAvailable':3,'numberReady':0", DaemonSetGenerations),
            InProgress, "LessReady", "Ready: 0/3"
        },
        {
            "DaemonSet rolled out",
            Workload("DaemonSet", "", "'observedGeneration':1,'desiredNumberScheduled':3,'currentNumberScheduled':3,'updatedNumberScheduled':3,'numberAvailable':3,'numberReady':3", DaemonSetGenerations),
            Current, "", "All replicas scheduled as expected. Replicas: 3"
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Rule(string rule, string json, HealthStatus status, string reason, string message) =>
        KStatusCase.Check(rule, json, status, reason, message);
}
