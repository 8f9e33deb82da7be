using System.Text;
using Fleet.Actors.Processes;

namespace Fleet.Tests.Sandbox.Conformance;

/// <summary>Runs a real CLI against a sandbox API server with its own KUBECONFIG, kubectl cache and helm homes,
/// bounded in time.</summary>
public sealed class CliRun(string kubeconfig, string workDirectory)
{
    public async Task<CliResult> RunAsync(string binary, IReadOnlyList<string> args, string? stdin = null, int timeoutSeconds = 60)
    {
        var request = new ProcessRequest(binary, args)
        {
            WorkingDirectory = workDirectory,
            Environment = new Dictionary<string, string?>
            {
                ["KUBECONFIG"] = kubeconfig,
                ["KUBECACHEDIR"] = Path.Combine(workDirectory, "kube-cache-" + Path.GetFileName(binary)),
                ["HOME"] = workDirectory,
                ["HELM_CACHE_HOME"] = Path.Combine(workDirectory, "helm-cache"),
                ["HELM_CONFIG_HOME"] = Path.Combine(workDirectory, "helm-config"),
                ["HELM_DATA_HOME"] = Path.Combine(workDirectory, "helm-data"),
            },
            StandardInput = stdin is null ? null : Encoding.UTF8.GetBytes(stdin),
            Timeout = TimeSpan.FromSeconds(timeoutSeconds),
        };
        try
        {
            var result = await ProcessRunner.RunAsync(request, CancellationToken.None);
            return new CliResult(result.ExitCode, result.StandardOutput, result.StandardError);
        }
        catch (ProcessTimeoutException timeout)
        {
            throw new TimeoutException($"{Path.GetFileName(binary)} {string.Join(' ', args)} did not finish in {timeoutSeconds}s; stderr: {timeout.StandardError}");
        }
    }
}
