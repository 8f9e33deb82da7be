using System.Text.Json.Nodes;
using Fleet.Messages.Api;

namespace Fleet.Bench;

/// <summary>The Flux objects the benchmarks create.</summary>
public static class BenchObjects
{
    /// <summary>A GitRepository following branch main of <paramref name="url"/>.</summary>
    public static JsonObject GitRepository(string name, string url, string interval) => new()
    {
        ["apiVersion"] = FluxKinds.GitRepository.ApiVersion,
        ["kind"] = "GitRepository",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["spec"] = new JsonObject { ["url"] = url, ["interval"] = interval, ["ref"] = new JsonObject { ["branch"] = "main" } },
    };

    /// <summary>A Kustomization of <see cref="BenchApp"/> from the GitRepository "app", into namespace <paramref name="target"/>.</summary>
    public static JsonObject Kustomization(string target) => new()
    {
        ["apiVersion"] = FluxKinds.Kustomization.ApiVersion,
        ["kind"] = "Kustomization",
        ["metadata"] = new JsonObject { ["name"] = target },
        ["spec"] = new JsonObject
        {
            ["interval"] = "1h",
            ["path"] = "./" + BenchApp.Path,
            ["prune"] = true,
            ["targetNamespace"] = target,
            ["sourceRef"] = new JsonObject { ["kind"] = "GitRepository", ["name"] = "app" },
        },
    };
}
