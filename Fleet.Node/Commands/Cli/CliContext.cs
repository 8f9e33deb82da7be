using System.CommandLine;
using k8s;

namespace Fleet.Node.Commands.Cli;

/// <summary>What a verb's action works with: its parse result, where to print, the cluster and the <c>--timeout</c> deadline.</summary>
public sealed class CliContext(ParseResult parse, FluxLog log, CancellationToken deadline) : IDisposable
{
    private Kubernetes? _client;

    public ParseResult Parse => parse;

    /// <summary>Tables and documents (stdout).</summary>
    public TextWriter Output => parse.InvocationConfiguration.Output;

    /// <summary>Progress and failures (stderr), in flux's form.</summary>
    public FluxLog Log => log;

    /// <summary>Cancelled at <c>--timeout</c> or Ctrl-C.</summary>
    public CancellationToken Deadline => deadline;

    public IKubernetes Client => _client ??= KubeOptions.Connect(parse);

    /// <summary>The namespace of a verb on named objects.</summary>
    public string Namespace => KubeOptions.SingleNamespace(parse);

    public T? Get<T>(Option<T> option) => parse.GetValue(option);

    public T? Get<T>(Argument<T> argument) => parse.GetValue(argument);

    public string Required(Argument<string> argument) => parse.GetValue(argument) ?? throw new CliException($"{argument.Name} is required");

    public void Dispose() => _client?.Dispose();
}
