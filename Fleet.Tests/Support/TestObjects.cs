using System.Text.Json.Nodes;
using Fleet.Messages.Api.Meta;

namespace Fleet.Tests.Support;

/// <summary>Flux objects as the API server would hand them to an entity.</summary>
public static class TestObjects
{
    public static string GitRepository(
        string ns,
        string name,
        long generation = 1,
        string interval = "1m",
        string? retryInterval = null,
        bool suspend = false,
        string? requestedAt = null,
        string uid = "uid-1",
        string? statusMessage = null)
    {
        var spec = new JsonObject { ["url"] = "https://example.invalid/repo", ["interval"] = interval };
        if (retryInterval is not null)
        {
            spec["retryInterval"] = retryInterval;
        }
        if (suspend)
        {
            spec["suspend"] = true;
        }
        var metadata = new JsonObject { ["name"] = name, ["namespace"] = ns, ["uid"] = uid, ["generation"] = generation };
        if (requestedAt is not null)
        {
            metadata["annotations"] = new JsonObject { [FluxAnnotations.ReconcileRequestedAt] = requestedAt };
        }
        var obj = new JsonObject
        {
            ["apiVersion"] = "source.toolkit.fluxcd.io/v1",
            ["kind"] = "GitRepository",
            ["metadata"] = metadata,
            ["spec"] = spec,
        };
        if (statusMessage is not null)
        {
            obj["status"] = new JsonObject { ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Ready", ["message"] = statusMessage }) };
        }
        return obj.ToJsonString();
    }
}
