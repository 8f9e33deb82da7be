using System.CommandLine;
using Fleet.Node.Commands.Cli;

namespace Fleet.Node.Commands.Admin;

/// <summary>How the admin verbs find a node (<c>--node</c>, FLEET_NODE) and its token (<c>--token-file</c>, FLEET_TOKEN_FILE, FLEET_TOKEN).</summary>
public static class AdminOptions
{
    public static readonly Option<string?> Node = new("--node") { Description = "The node's admin API URL, e.g. http://127.0.0.1:9091 [FLEET_NODE]", Recursive = true };

    public static readonly Option<string?> TokenFile = new("--token-file") { Description = "File holding the admin bearer token [FLEET_TOKEN_FILE, or the token itself in FLEET_TOKEN]", Recursive = true };

    public static T AddTo<T>(T command)
        where T : Command
    {
        command.Options.Add(Node);
        command.Options.Add(TokenFile);
        command.Options.Add(KubeOptions.Timeout);
        return command;
    }

    public static AdminClient Connect(CliContext context)
    {
        var url = context.Get(Node) is { Length: > 0 } given ? given
            : Environment.GetEnvironmentVariable("FLEET_NODE") is { Length: > 0 } fromEnvironment ? fromEnvironment
            : throw new CliException("no node given: pass --node URL or set FLEET_NODE");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var node) || node.Scheme is not ("http" or "https"))
        {
            throw new CliException($"invalid node URL '{url}', expected http://host:port");
        }
        var file = context.Get(TokenFile) is { Length: > 0 } path ? path : Environment.GetEnvironmentVariable("FLEET_TOKEN_FILE");
        var token = file is { Length: > 0 } ? File.ReadAllText(file).Trim()
            : Environment.GetEnvironmentVariable("FLEET_TOKEN") is { Length: > 0 } raw ? raw
            : throw new CliException("no admin token: pass --token-file or set FLEET_TOKEN_FILE or FLEET_TOKEN");
        return new AdminClient(node, token);
    }
}
