using System.Text.Json.Nodes;
using Fleet.Actors.Apply.Health;

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

        var established = (live["status"]?["conditions"] as JsonArray)?.OfType<JsonObject>()
            .Any(c => c["type"]?.GetValue<string>() == "Established" && c["status"]?.GetValue<string>() == "True") == true;
        return established ? HealthStatus.Current : HealthStatus.InProgress;
    }
}
