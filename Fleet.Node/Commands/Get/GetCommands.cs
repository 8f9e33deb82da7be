using System.CommandLine;
using Fleet.Messages.Api;
using k8s;
using k8s.Autorest;
using k8s.Exceptions;

namespace Fleet.Node.Commands.Get;

/// <summary><c>fleet get</c>: the status of Flux objects, as <c>flux get</c> prints it.</summary>
public static class GetCommands
{
    /// <summary>Flux's order for <c>get sources all</c>.</summary>
    private static readonly FluxKind[] Sources =
        [FluxKinds.OCIRepository, FluxKinds.Bucket, FluxKinds.GitRepository, FluxKinds.HelmRepository, FluxKinds.HelmChart];

    private static readonly Option<string?> Namespace = new("--namespace", "-n")
    {
        Description = "The namespace to list [FLUX_SYSTEM_NAMESPACE; default flux-system]",
        Recursive = true,
    };

    private static readonly Option<bool> AllNamespaces = new("--all-namespaces", "-A")
    {
        Description = "List the objects across all namespaces",
        Recursive = true,
    };

    private static readonly Option<string?> Kubeconfig = new("--kubeconfig")
    {
        Description = "The kubeconfig file [default: KUBECONFIG, else ~/.kube/config]",
        Recursive = true,
    };

    private static readonly Option<string?> Context = new("--context")
    {
        Description = "The kubeconfig context to use [default: its current context]",
        Recursive = true,
    };

    public static Command Create()
    {
        var sources = new Command("sources", "Get source statuses")
        {
            Leaf("git", "Get GitRepository source statuses", [], FluxKinds.GitRepository),
            Leaf("helm", "Get HelmRepository source statuses", [], FluxKinds.HelmRepository),
            Leaf("oci", "Get OCIRepository source statuses", [], FluxKinds.OCIRepository),
            Leaf("bucket", "Get Bucket source statuses", [], FluxKinds.Bucket),
            Leaf("chart", "Get HelmChart statuses", [], FluxKinds.HelmChart),
            All("Get all source statuses", Sources),
        };
        return new Command("get", "Get the status of Flux objects, as flux get prints it")
        {
            Namespace,
            AllNamespaces,
            Kubeconfig,
            Context,
            sources,
            Leaf("kustomizations", "Get Kustomization statuses", ["ks", "kustomization"], FluxKinds.Kustomization),
            Leaf("helmreleases", "Get HelmRelease statuses", ["hr", "helmrelease"], FluxKinds.HelmRelease),
            All("Get the statuses of all sources, HelmReleases and Kustomizations", [.. Sources, FluxKinds.HelmRelease, FluxKinds.Kustomization]),
        };
    }

    /// <summary>The namespace to list: -A means all (null), else -n, else FLUX_SYSTEM_NAMESPACE, else flux-system.</summary>
    public static string? NamespaceFor(ParseResult parse, string? environmentValue) =>
        parse.GetValue(AllNamespaces) ? null
            : parse.GetValue(Namespace) is { Length: > 0 } given ? given
            : environmentValue is { Length: > 0 } fromEnvironment ? fromEnvironment
            : "flux-system";

    private static Command Leaf(string name, string description, string[] aliases, FluxKind kind)
    {
        var objectName = new Argument<string?>("name") { Description = "Only the object of this name", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command(name, description) { objectName };
        foreach (var alias in aliases)
        {
            command.Aliases.Add(alias);
        }
        command.SetAction((parse, cancellationToken) => RunAsync(parse, [kind], parse.GetValue(objectName), all: false, cancellationToken));
        return command;
    }

    private static Command All(string description, FluxKind[] kinds)
    {
        var command = new Command("all", description);
        command.SetAction((parse, cancellationToken) => RunAsync(parse, kinds, null, all: true, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, FluxKind[] kinds, string? name, bool all, CancellationToken cancellationToken)
    {
        try
        {
            var config = KubeconfigLoader.Load(
                parse.GetValue(Kubeconfig),
                parse.GetValue(Context),
                Environment.GetEnvironmentVariable("KUBECONFIG"),
                Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));
            using var client = new Kubernetes(config);
            var lister = new FluxObjectLister(client, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            return await lister.PrintAsync(kinds, NamespaceFor(parse, Environment.GetEnvironmentVariable("FLUX_SYSTEM_NAMESPACE")), name, all, cancellationToken);
        }
        catch (Exception e) when (e is IOException or KubeConfigException or HttpOperationException or HttpRequestException)
        {
            await parse.InvocationConfiguration.Error.WriteLineAsync($"✗ {e.Message}");
            return 1;
        }
    }
}
