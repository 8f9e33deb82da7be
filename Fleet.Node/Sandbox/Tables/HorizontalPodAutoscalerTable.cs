using System.Text.Json.Nodes;
using static Fleet.Node.Sandbox.Tables.CellText;

namespace Fleet.Node.Sandbox.Tables;

/// <summary>The TARGETS cell of an autoscaling/v2 HorizontalPodAutoscaler: current and target value per metric.</summary>
public static class HorizontalPodAutoscalerTable
{
    public static string Targets(JsonObject hpa)
    {
        var specs = Items(hpa, "spec.metrics").ToList();
        if (specs.Count == 0)
        {
            return None;
        }

        var current = Items(hpa, "status.currentMetrics").ToList();
        var parts = new List<string>();
        for (var i = 0; i < specs.Count; i++)
        {
            var spec = specs[i];
            var type = KubectlJsonPath.Text(spec["type"]);
            var source = spec[Camel(type)] as JsonObject;
            var target = source?["target"] as JsonObject;
            var status = i < current.Count ? current[i][Camel(type)]?["current"] as JsonObject : null;
            var name = type == "Resource" || type == "ContainerResource" ? KubectlJsonPath.Text(source?["name"]) : KubectlJsonPath.Text(source?["metric"]?["name"]);
            var (now, want) = target?["averageUtilization"] is { } utilization
                ? (status?["averageUtilization"] is { } u ? KubectlJsonPath.Text(u) + "%" : "<unknown>", KubectlJsonPath.Text(utilization) + "%")
                : target?["averageValue"] is { } average
                    ? (status?["averageValue"] is { } a ? KubectlJsonPath.Text(a) : "<unknown>", KubectlJsonPath.Text(average))
                    : (status?["value"] is { } v ? KubectlJsonPath.Text(v) : "<unknown>", KubectlJsonPath.Text(target?["value"]));
            parts.Add($"{name}: {now}/{want}");
        }

        return string.Join(", ", parts);
    }

    private static string Camel(string type) => type.Length == 0 ? type : char.ToLowerInvariant(type[0]) + type[1..];
}
