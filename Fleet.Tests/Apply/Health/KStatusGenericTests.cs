using Fleet.Actors.Apply.Health;
using static Fleet.Actors.Apply.Health.HealthStatus;

namespace Fleet.Tests.Apply.Health;

/// <summary>kstatus's order of evaluation: generic properties, then built-in kinds, then the Ready condition, else Current.</summary>
public sealed class KStatusGenericTests
{
    public static TheoryData<string, string, HealthStatus, string, string> Cases => new()
    {
        {
            "deletionTimestamp wins over everything",
            "{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'c','deletionTimestamp':'2026-01-01T00:00:00Z','generation':2},'status':{'observedGeneration':1}}",
            Terminating, "", "Resource scheduled for deletion"
        },
        {
            "an empty deletionTimestamp is not a deletion",
            "{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'c','deletionTimestamp':''}}",
            Current, "", "Resource is always ready"
        },
        {
            "observedGeneration behind generation",
            "{'apiVersion':'example.com/v1','kind':'Widget','metadata':{'name':'w','generation':3},'status':{'observedGeneration':2,'conditions':[{'type':'Ready','status':'True'}]}}",
            InProgress, "LatestGenerationNotObserved", "Widget generation is 3, but latest observed generation is 2"
        },
        {
            "a missing observedGeneration does not hold an object back",
            "{'apiVersion':'example.com/v1','kind':'Widget','metadata':{'name':'w','generation':3},'status':{'conditions':[{'type':'Ready','status':'True'}]}}",
            Current, "", "Resource is Ready"
        },
        {
            "a fractional observedGeneration is no integer and is ignored",
            "{'apiVersion':'example.com/v1','kind':'Widget','metadata':{'name':'w','generation':3},'status':{'observedGeneration':2.5}}",
            Current, "", "Resource is current"
        },
        {
            "Reconciling=True is InProgress with its reason, before Ready",
            "{'apiVersion':'example.com/v1','kind':'Widget','metadata':{'name':'w'},'status':{'conditions':[{'type':'Ready','status':'True'},{'type':'Reconciling','status':'True','reason':'Progressing','message':'working'}]}}",
            InProgress, "Progressing", "working"
        },
        {
            "Stalled=True is Failed with its reason",
            "{'apiVersion':'example.com/v1','kind':'Widget','metadata':{'name':'w'},'status':{'conditions':[{'type':'Stalled','status':'True','reason':'BadConfig','message':'broken'}]}}",
            Failed, "BadConfig", "broken"
        },
        {
            "the first of Reconciling and Stalled wins",
            "{'apiVersion':'example.com/v1','kind':'Widget','metadata':{'name':'w'},'status':{'conditions':[{'type':'Stalled','status':'True','reason':'BadConfig','message':'broken'},{'type':'Reconciling','status':'True','reason':'Progressing','message':'working'}]}}",
            Failed, "BadConfig", "broken"
        },
        {
            "Reconciling=False is no signal",
            "{'apiVersion':'example.com/v1','kind':'Widget','metadata':{'name':'w'},'status':{'conditions':[{'type':'Reconciling','status':'False','reason':'Done'}]}}",
            Current, "", "Resource is current"
        },
        {
            "generic conditions come before the built-in rules",
            "{'apiVersion':'v1','kind':'Secret','metadata':{'name':'s'},'status':{'conditions':[{'type':'Stalled','status':'True','reason':'Broken','message':'m'}]}}",
            Failed, "Broken", "m"
        },
        {
            "Ready=True is Current",
            "{'apiVersion':'example.com/v1','kind':'Widget','metadata':{'name':'w'},'status':{'conditions':[{'type':'Ready','status':'True','reason':'Fine'}]}}",
            Current, "", "Resource is Ready"
        },
        {
            "Ready=False is InProgress with its reason and message",
            "{'apiVersion':'example.com/v1','kind':'Widget','metadata':{'name':'w'},'status':{'conditions':[{'type':'Ready','status':'False','reason':'Waiting','message':'not yet'}]}}",
            InProgress, "Waiting", "not yet"
        },
        {
            "Ready=Unknown is InProgress",
            "{'apiVersion':'example.com/v1','kind':'Widget','metadata':{'name':'w'},'status':{'conditions':[{'type':'Ready','status':'Unknown','reason':'Checking','message':'hm'}]}}",
            InProgress, "Checking", "hm"
        },
        {
            "an unrecognised Ready status is ignored",
            "{'apiVersion':'example.com/v1','kind':'Widget','metadata':{'name':'w'},'status':{'conditions':[{'type':'Ready','status':'Maybe'}]}}",
            Current, "", "Resource is current"
        },
        {
            "an object without status is Current",
            "{'apiVersion':'example.com/v1','kind':'Widget','metadata':{'name':'w'}}",
            Current, "", "Resource is current"
        },
        {
            "a built-in rule wins over the Ready condition",
            "{'apiVersion':'v1','kind':'Service','metadata':{'name':'s'},'spec':{'type':'ClusterIP'},'status':{'conditions':[{'type':'Ready','status':'False','reason':'No'}]}}",
            Current, "", "Service is ready"
        },
        {
            "Secret is always Current",
            "{'apiVersion':'v1','kind':'Secret','metadata':{'name':'s'},'status':{'conditions':[{'type':'Ready','status':'False'}]}}",
            Current, "", "Resource is always ready"
        },
        {
            "ConfigMap is always Current",
            "{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'c'},'status':{'conditions':[{'type':'Ready','status':'False'}]}}",
            Current, "", "Resource is always ready"
        },
        {
            "CronJob is always Current",
            "{'apiVersion':'batch/v1','kind':'CronJob','metadata':{'name':'c'},'status':{'conditions':[{'type':'Ready','status':'False'}]}}",
            Current, "", "Resource is always ready"
        },
        {
            "PodDisruptionBudget is always Current",
            "{'apiVersion':'policy/v1','kind':'PodDisruptionBudget','metadata':{'name':'p'},'status':{'conditions':[{'type':'Ready','status':'False'}]}}",
            Current, "", "AllowedDisruptions has been computed."
        },
        {
            "a ConfigMap of another group is not the built-in one",
            "{'apiVersion':'example.com/v1','kind':'ConfigMap','metadata':{'name':'c'},'status':{'conditions':[{'type':'Ready','status':'False','reason':'R','message':'m'}]}}",
            InProgress, "R", "m"
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Rule(string rule, string json, HealthStatus status, string reason, string message) =>
        KStatusCase.Check(rule, json, status, reason, message);
}
