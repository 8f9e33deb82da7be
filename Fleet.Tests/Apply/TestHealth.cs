using System.Text.Json.Nodes;
using Fleet.Actors.Apply.Health;
using Fleet.Actors.Kube;

namespace Fleet.Tests.Apply;

/// <summary>A stand-in for kstatus in the apply tests: a CRD is Current once Established, anything else at once.</summary>
internal static class TestHealth
{
    public static HealthStatus Of(JsonObject live)
    {
        if (live["kind"]?.GetValue<string>() != "CustomResourceDefinition")
        {
            return HealthStatus.Current;
        }

        var established = ObjectConditions.Find(live, "Established")?.Status == "True";
        return established ? HealthStatus.Current : HealthStatus.InProgress;
    }
}
