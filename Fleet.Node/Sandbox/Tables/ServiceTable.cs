using System.Text.Json.Nodes;
using static Fleet.Node.Sandbox.Tables.CellText;

namespace Fleet.Node.Sandbox.Tables;

/// <summary>The EXTERNAL-IP and PORT(S) cells of a Service, as the real server prints them.</summary>
public static class ServiceTable
{
    public static string ExternalIp(JsonObject service)
    {
        var external = (service["spec"]?["externalIPs"] as JsonArray ?? []).Select(KubectlJsonPath.Text).ToList();
        switch (Text(service, "spec.type"))
        {
            case "LoadBalancer":
                var ingress = Items(service, "status.loadBalancer.ingress").Select(i => KubectlJsonPath.Text(i["ip"]) is { Length: > 0 } ip ? ip : KubectlJsonPath.Text(i["hostname"])).ToList();
                external.AddRange(ingress);
                return external.Count > 0 ? string.Join(",", external) : "<pending>";
            case "ExternalName":
                return Text(service, "spec.externalName");
            default:
                return external.Count > 0 ? string.Join(",", external) : None;
        }
    }

    public static string Ports(JsonObject service)
    {
        var ports = Items(service, "spec.ports").Select(p =>
        {
            var protocol = p["protocol"]?.GetValue<string>() ?? "TCP";
            var port = Objects.JsonNumber.AsLong(p["port"]);
            return Objects.JsonNumber.AsLong(p["nodePort"]) is long nodePort and not 0 ? $"{port}:{nodePort}/{protocol}" : $"{port}/{protocol}";
        }).ToList();
        return ports.Count == 0 ? None : string.Join(",", ports);
    }
}
