using System.Diagnostics;

namespace Fleet.Tests.Sandbox.Conformance;

/// <summary>Runs a real CLI against a sandbox API server with its own KUBECONFIG, kubectl cache and helm homes,
/// bounded in time.</summary>
public sealed class CliRun(string kubeconfig, string workDirectory)
{
    public async Task<CliResult> RunAsync(string binary, IReadOnlyList<string> args, string? stdin = null, int timeoutSeconds = 60)
    {
        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workDirectory,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["KUBECONFIG"] = kubeconfig;
        start.Environment["KUBECACHEDIR"] = Path.Combine(workDirectory, "kube-cache-" + Path.GetFileName(binary));
        start.Environment["HOME"] = workDirectory;
        start.Environment["HELM_CACHE_HOME"] = Path.Combine(workDirectory, "helm-cache");
        start.Environment["HELM_CONFIG_HOME"] = Path.Combine(workDirectory, "helm-config");
        start.Environment["HELM_DATA_HOME"] = Path.Combine(workDirectory, "helm-data");
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {binary}");
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(binary)} {string.Join(' ', args)} did not finish in {timeoutSeconds}s; stderr: {await stderr}");
        }

        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}
