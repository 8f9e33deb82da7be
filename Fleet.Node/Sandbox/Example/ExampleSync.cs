using System.Text.Json.Nodes;
using Fleet.Messages.Api;

namespace Fleet.Node.Sandbox.Example;

/// <summary>The Flux objects that sync the example repository: one GitRepository and the two Kustomizations.</summary>
public static class ExampleSync
{
    public const string Namespace = "flux-system";
    public const string Infrastructure = "infrastructure";
    public const string Apps = "apps";

    /// <summary>The objects the sandbox watches until Ready, in the order they are created.</summary>
    public static IReadOnlyList<(FluxKind Kind, string Name)> Objects { get; } =
    [
        (FluxKinds.GitRepository, ExampleRepository.Name),
        (FluxKinds.Kustomization, Infrastructure),
        (FluxKinds.Kustomization, Apps),
    ];

    public static JsonObject GitRepository(string url) => Object(FluxKinds.GitRepository, ExampleRepository.Name, new JsonObject
    {
        ["interval"] = "1m",
        ["url"] = url,
        ["ref"] = new JsonObject { ["branch"] = ExampleRepository.Branch },
    });

    public static JsonObject InfrastructureKustomization() => Object(FluxKinds.Kustomization, Infrastructure, new JsonObject
    {
        ["interval"] = "1m",
        ["retryInterval"] = "15s",
        ["path"] = "./infrastructure",
        ["prune"] = true,
        ["wait"] = true,
        ["timeout"] = "1m",
        ["sourceRef"] = SourceRef(),
    });

    public static JsonObject AppsKustomization() => Object(FluxKinds.Kustomization, Apps, new JsonObject
    {
        ["interval"] = "1m",
        ["retryInterval"] = "15s",
        ["path"] = "./apps",
        ["prune"] = true,
        ["timeout"] = "1m",
        ["sourceRef"] = SourceRef(),
        ["dependsOn"] = new JsonArray(new JsonObject { ["name"] = Infrastructure }),
        ["healthChecks"] = new JsonArray(new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "Deployment",
            ["name"] = "greeter",
            ["namespace"] = "demo",
        }),
    });

    private static JsonObject SourceRef() => new() { ["kind"] = FluxKinds.GitRepository.Kind, ["name"] = ExampleRepository.Name };

    private static JsonObject Object(FluxKind kind, string name, JsonObject spec) => new()
    {
        ["apiVersion"] = kind.ApiVersion,
        ["kind"] = kind.Kind,
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = Namespace },
        ["spec"] = spec,
    };
}
