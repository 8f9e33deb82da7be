using System.CommandLine;
using System.Reflection;
using Fleet.Messages.Api;
using Fleet.Node.Commands.Cli;
using k8s;
using k8s.Models;

namespace Fleet.Node.Commands.Version;

/// <summary><c>fleet version</c> and <c>fleet check</c>: the CLI's version, and whether the cluster has what Fleet needs (Kubernetes version, every Flux CRD).</summary>
public static class VersionCommands
{
    /// <summary>The oldest Kubernetes Fleet is tested against: the kubectl 1.32 it ships with.</summary>
    private static readonly System.Version MinimumKubernetes = new(1, 32, 0);

    public static string ClientVersion =>
        typeof(VersionCommands).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static Command CreateVersion()
    {
        var client = new Option<bool>("--client") { Description = "Print only the CLI's version, without asking the cluster" };
        var command = KubeOptions.AddTo(new Command("version", "Print the CLI's version and the Flux API versions the cluster serves.\n\nExample:\n  fleet version --client") { client }, allNamespaces: false);
        CliAction.Set(command, async context =>
        {
            await context.Output.WriteLineAsync($"fleet: v{ClientVersion}");
            if (context.Get(client))
            {
                return 0;
            }
            foreach (var crd in await FluxCrdsAsync(context.Client, context.Deadline))
            {
                await context.Output.WriteLineAsync($"{crd.Metadata.Name}: {string.Join(", ", crd.Spec.Versions.Where(v => v.Served).Select(v => v.Name))}");
            }
            return 0;
        });
        return command;
    }

    public static Command CreateCheck()
    {
        var pre = new Option<bool>("--pre") { Description = "Only check the prerequisites (the Kubernetes version)" };
        var command = KubeOptions.AddTo(new Command("check", "Check the prerequisites and that Fleet's CRDs are installed.\n\nExample:\n  fleet check --pre") { pre }, allNamespaces: false);
        CliAction.Set(command, async context =>
        {
            var ok = true;
            context.Log.Action("checking prerequisites");
            var version = await context.Client.Version.GetCodeAsync(context.Deadline);
            var gitVersion = version.GitVersion.TrimStart('v');
            if (System.Version.TryParse(gitVersion.Split('-', '+')[0], out var parsed) && parsed >= MinimumKubernetes)
            {
                context.Log.Success($"Kubernetes {gitVersion} >={MinimumKubernetes}-0");
                context.Log.Success("prerequisites checks passed");
            }
            else
            {
                context.Log.Failure($"Kubernetes version {version.GitVersion} does not match >={MinimumKubernetes}-0");
                ok = false;
            }
            if (!context.Get(pre))
            {
                context.Log.Action("checking crds");
                var installed = (await FluxCrdsAsync(context.Client, context.Deadline)).ToDictionary(c => c.Metadata.Name);
                foreach (var kind in FluxKinds.All.OrderBy(k => k.CrdName, StringComparer.Ordinal))
                {
                    if (installed.TryGetValue(kind.CrdName, out var crd) && crd.Status?.StoredVersions is { Count: > 0 } stored)
                    {
                        context.Log.Success($"{kind.CrdName}/{stored[^1]}");
                    }
                    else
                    {
                        context.Log.Failure($"{kind.CrdName} not found");
                        ok = false;
                    }
                }
            }
            if (!ok)
            {
                throw new CliException("check failed");
            }
            context.Log.Success("all checks passed");
            return 0;
        });
        return command;
    }

    private static async Task<IReadOnlyList<V1CustomResourceDefinition>> FluxCrdsAsync(IKubernetes client, CancellationToken cancellationToken)
    {
        var list = await client.ApiextensionsV1.ListCustomResourceDefinitionAsync(cancellationToken: cancellationToken);
        return [.. list.Items.Where(c => c.Spec.Group.EndsWith(".toolkit.fluxcd.io", StringComparison.Ordinal)).OrderBy(c => c.Metadata.Name, StringComparer.Ordinal)];
    }
}
