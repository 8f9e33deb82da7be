using Fleet.Actors.Apply.Health;
using static Fleet.Actors.Apply.Health.HealthStatus;

namespace Fleet.Tests.Apply.Health;

/// <summary>kstatus's built-in rules for Service, PersistentVolumeClaim, Pod and CustomResourceDefinition.</summary>
public sealed class KStatusCoreTests
{
    private const string Svc = "'apiVersion':'v1','kind':'Service','metadata':{'name':'s'}";
    private const string Pvc = "'apiVersion':'v1','kind':'PersistentVolumeClaim','metadata':{'name':'p'}";
    private const string Crd = "'apiVersion':'apiextensions.k8s.io/v1','kind':'CustomResourceDefinition','metadata':{'name':'widgets.example.com'}";

    // KStatusCase.Now is 00:01:00; these pods were created 10 s, exactly 15 s and 20 s before it.
    private const string Pod10s = "'apiVersion':'v1','kind':'Pod','metadata':{'name':'p','creationTimestamp':'2026-01-01T00:00:50Z'}";
    private const string Pod15s = "'apiVersion':'v1','kind':'Pod','metadata':{'name':'p','creationTimestamp':'2026-01-01T00:00:45Z'}";
    private const string Pod20s = "'apiVersion':'v1','kind':'Pod','metadata':{'name':'p','creationTimestamp':'2026-01-01T00:00:40Z'}";
    private const string Unschedulable = "'conditions':[{'type':'PodScheduled','status':'False','reason':'Unschedulable'}]";

    public static TheoryData<string, string, HealthStatus, string, string> Cases => new()
    {
        { "LoadBalancer without cluster IP", $"{{{Svc},'spec':{{'type':'LoadBalancer'}}}}", InProgress, "NoIPAssigned", "ClusterIP not set. Service type: LoadBalancer" },
        { "LoadBalancer with cluster IP, ingress not checked", $"{{{Svc},'spec':{{'type':'LoadBalancer','clusterIP':'10.0.0.5'}},'status':{{'loadBalancer':{{}}}}}}", Current, "", "Service is ready" },
        { "type defaults to ClusterIP, which needs no IP", $"{{{Svc},'spec':{{}}}}", Current, "", "Service is ready" },
        { "PVC not Bound", $"{{{Pvc},'status':{{'phase':'Pending'}}}}", InProgress, "NotBound", "PVC is not Bound. phase: Pending" },
        { "PVC without phase", $"{{{Pvc}}}", InProgress, "NotBound", "PVC is not Bound. phase: unknown" },
        { "PVC Bound", $"{{{Pvc},'status':{{'phase':'Bound'}}}}", Current, "", "PVC is Bound" },
        { "Pod Succeeded", $"{{{Pod10s},'status':{{'phase':'Succeeded'}}}}", Current, "", "Pod has completed successfully" },
        { "Pod Failed counts as done", $"{{{Pod10s},'status':{{'phase':'Failed'}}}}", Current, "", "Pod has completed, but not successfully" },
        { "Pod Running and Ready", $"{{{Pod10s},'status':{{'phase':'Running','conditions':[{{'type':'Ready','status':'True'}}]}}}}", Current, "", "Pod is Ready" },
        {
            "Pod crash-looping",
            $"{{{Pod10s},'status':{{'phase':'Running','conditions':[{{'type':'Ready','status':'False'}}],'containerStatuses':[{{'name':'app','state':{{'waiting':{{'reason':'CrashLoopBackOff'}}}}}},{{'name':'ok','state':{{'running':{{}}}}}},{{'name':'sidecar','state':{{'waiting':{{'reason':'CrashLoopBackOff'}}}}}}]}}}}",
            Failed, "ContainerCrashLooping", "Containers in CrashLoop state: app,sidecar"
        },
        {
            "Pod running, not ready, not crash-looping",
            $"{{{Pod10s},'status':{{'phase':'Running','containerStatuses':[{{'name':'app','state':{{'waiting':{{'reason':'ContainerCreating'}}}}}}]}}}}",
            InProgress, "PodRunningNotReady", "Pod is running but is not Ready"
        },
        { "Pod unschedulable for 10 s", $"{{{Pod10s},'status':{{'phase':'Pending',{Unschedulable}}}}}", InProgress, "PodNotScheduled", "Pod has not been scheduled" },
        { "Pod unschedulable for exactly 15 s", $"{{{Pod15s},'status':{{'phase':'Pending',{Unschedulable}}}}}", Failed, "PodUnschedulable", "Pod could not be scheduled" },
        { "Pod unschedulable for 20 s", $"{{{Pod20s},'status':{{'phase':'Pending',{Unschedulable}}}}}", Failed, "PodUnschedulable", "Pod could not be scheduled" },
        { "Pod Pending for another reason", $"{{{Pod20s},'status':{{'phase':'Pending','conditions':[{{'type':'PodScheduled','status':'True'}}]}}}}", InProgress, "PodPending", "Pod is in the Pending phase" },
        { "Pod without phase", $"{{{Pod10s}}}", InProgress, "PodNotObserved", "Pod phase not available" },
        { "Pod with an unknown phase", $"{{{Pod10s},'status':{{'phase':'Sleeping'}}}}", Unknown, "", "unknown phase Sleeping" },
        {
            "CRD names not accepted",
            $"{{{Crd},'status':{{'conditions':[{{'type':'NamesAccepted','status':'False','reason':'MultipleNames','message':'taken'}},{{'type':'Established','status':'True'}}]}}}}",
            Failed, "MultipleNames", "taken"
        },
        {
            "CRD still installing",
            $"{{{Crd},'status':{{'conditions':[{{'type':'NamesAccepted','status':'True'}},{{'type':'Established','status':'False','reason':'Installing','message':'wait'}}]}}}}",
            InProgress, "Installing", "Install in progress"
        },
        {
            "CRD not established for another reason",
            $"{{{Crd},'status':{{'conditions':[{{'type':'Established','status':'False','reason':'Terminating','message':'going'}}]}}}}",
            Failed, "Terminating", "going"
        },
        { "CRD established", $"{{{Crd},'status':{{'conditions':[{{'type':'NamesAccepted','status':'True'}},{{'type':'Established','status':'True'}}]}}}}", Current, "", "CRD is established" },
        { "CRD without conditions", $"{{{Crd}}}", InProgress, "Installing", "Install in progress" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Rule(string rule, string json, HealthStatus status, string reason, string message) =>
        KStatusCase.Check(rule, json, status, reason, message);
}
