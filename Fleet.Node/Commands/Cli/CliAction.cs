using System.CommandLine;
using System.Net;
using System.Text.Json.Nodes;
using k8s.Autorest;
using k8s.Exceptions;

namespace Fleet.Node.Commands.Cli;

/// <summary>
/// Runs a verb as flux's main does: any failure is one <c>✗</c> line on stderr and exit code 1, never a stack trace;
/// the <c>--timeout</c> deadline ends a wait with flux's "context deadline exceeded".
/// </summary>
public static class CliAction
{
    public static void Set(Command command, Func<CliContext, Task<int>> run) =>
        command.SetAction((parse, cancellationToken) => RunAsync(parse, run, cancellationToken));

    public static async Task<int> RunAsync(ParseResult parse, Func<CliContext, Task<int>> run, CancellationToken cancellationToken)
    {
        var error = parse.InvocationConfiguration.Error;
        var log = new FluxLog(error, IsTerminal(error));
        var timeout = parse.GetValue(KubeOptions.Timeout);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout > TimeSpan.Zero)
        {
            deadline.CancelAfter(timeout);
        }
        try
        {
            using var context = new CliContext(parse, log, deadline.Token);
            return await run(context);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            log.Failure("context deadline exceeded");
        }
        catch (HttpOperationException e)
        {
            log.Failure(MessageOf(e));
        }
        catch (Exception e) when (e is CliException or IOException or KubeConfigException or HttpRequestException or UnauthorizedAccessException)
        {
            log.Failure(e.Message);
        }
        return 1;
    }

    /// <summary>The API server's own message (<c>kustomizations.kustomize.toolkit.fluxcd.io "x" not found</c>), as flux prints it.</summary>
    public static string MessageOf(HttpOperationException e)
    {
        try
        {
            if (JsonNode.Parse(e.Response.Content ?? "") is JsonObject status && status["message"] is JsonValue message && message.TryGetValue<string>(out var text))
            {
                return text;
            }
        }
        catch (System.Text.Json.JsonException)
        {
            // Not a Status document: fall back to the HTTP status.
        }
        return e.Response.StatusCode == HttpStatusCode.Unauthorized ? "Unauthorized" : $"the server answered {(int)e.Response.StatusCode} {e.Response.ReasonPhrase}";
    }

    private static bool IsTerminal(TextWriter error) =>
        ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null;
}
