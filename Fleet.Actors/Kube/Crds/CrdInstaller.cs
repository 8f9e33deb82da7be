using Fleet.Messages.Api;
using k8s;
using k8s.Models;

namespace Fleet.Actors.Kube.Crds;

/// <summary>Installs or updates Fleet's CRDs in an API server by server-side apply.</summary>
public static class CrdInstaller
{
    public const string FieldManager = "fleet";

    public static async Task InstallAsync(IKubernetes client, IEnumerable<FluxKind> kinds, CancellationToken cancellationToken = default)
    {
        foreach (var kind in kinds)
        {
            var crd = CrdGenerator.Generate(kind);
            await client.CustomObjects.PatchClusterCustomObjectAsync(
                new V1Patch(crd.ToJsonString(), V1Patch.PatchType.ApplyPatch),
                "apiextensions.k8s.io",
                "v1",
                "customresourcedefinitions",
                kind.CrdName,
                fieldManager: FieldManager,
                force: true,
                cancellationToken: cancellationToken);
        }
    }
}
