using System.CommandLine;
using Fleet.Messages.Api.Meta;
using Fleet.Node.Commands.Get;
using k8s;

namespace Fleet.Node.Commands.Cli;

/// <summary>Flux's global flags for reaching a cluster (<c>--kubeconfig</c>, <c>--context</c>, <c>-n</c>, <c>-A</c>, <c>--timeout</c>), shared by every verb.</summary>
public static class KubeOptions
{
    public static readonly Option<string?> Namespace = new("--namespace", "-n")
    {
        Description = "The namespace of the objects [FLUX_SYSTEM_NAMESPACE; default flux-system]",
        Recursive = true,
    };

    public static readonly Option<bool> AllNamespaces = new("--all-namespaces", "-A")
    {
        Description = "List the objects across all namespaces",
        Recursive = true,
    };

    public static readonly Option<string?> Kubeconfig = new("--kubeconfig")
    {
        Description = "The kubeconfig file [default: KUBECONFIG, else ~/.kube/config]",
        Recursive = true,
    };

    public static readonly Option<string?> Context = new("--context")
    {
        Description = "The kubeconfig context to use [default: its current context]",
        Recursive = true,
    };

    public static readonly Option<TimeSpan> Timeout = new("--timeout")
    {
        Description = "How long to wait for this operation (Go duration) [default 5m]",
        Recursive = true,
        DefaultValueFactory = _ => TimeSpan.FromMinutes(5),
        CustomParser = result => GoDuration.TryParse(result.Tokens.Count > 0 ? result.Tokens[0].Value : null, out var duration)
            ? duration.Value
            : Invalid(result),
    };

    /// <summary>Adds the flags to a top-level verb; they apply to all its sub-commands.</summary>
    public static T AddTo<T>(T command, bool allNamespaces = true)
        where T : Command
    {
        command.Options.Add(Namespace);
        if (allNamespaces)
        {
            command.Options.Add(AllNamespaces);
        }
        command.Options.Add(Kubeconfig);
        command.Options.Add(Context);
        command.Options.Add(Timeout);
        return command;
    }

    /// <summary>The namespace to act in: -A means all (null), else -n, else FLUX_SYSTEM_NAMESPACE, else flux-system.</summary>
    public static string? NamespaceFor(ParseResult parse, string? environmentValue) =>
        parse.GetValue(AllNamespaces) ? null
            : parse.GetValue(Namespace) is { Length: > 0 } given ? given
            : environmentValue is { Length: > 0 } fromEnvironment ? fromEnvironment
            : "flux-system";

    /// <summary>The one namespace of a verb that acts on named objects (<c>-A</c> does not apply).</summary>
    public static string SingleNamespace(ParseResult parse) =>
        parse.GetValue(Namespace) is { Length: > 0 } given ? given
            : Environment.GetEnvironmentVariable("FLUX_SYSTEM_NAMESPACE") is { Length: > 0 } fromEnvironment ? fromEnvironment
            : "flux-system";

    public static string? NamespaceFor(ParseResult parse) => NamespaceFor(parse, Environment.GetEnvironmentVariable("FLUX_SYSTEM_NAMESPACE"));

    public static Kubernetes Connect(ParseResult parse)
    {
        var config = KubeconfigLoader.Load(
            parse.GetValue(Kubeconfig),
            parse.GetValue(Context),
            Environment.GetEnvironmentVariable("KUBECONFIG"),
            Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));
        return new Kubernetes(config);
    }

    private static TimeSpan Invalid(System.CommandLine.Parsing.ArgumentResult result)
    {
        result.AddError($"invalid duration '{string.Join(' ', result.Tokens.Select(t => t.Value))}' (use e.g. 30s, 5m, 1h)");
        return default;
    }
}
