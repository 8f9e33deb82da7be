using Fleet.Messages.Api.Meta;
using Fleet.Node.Sandbox.Progress;
using k8s.Autorest;

namespace Fleet.Node.Sandbox;

/// <summary>
/// What `fleet sandbox` does: start a <see cref="FleetSandbox"/>, print each change of its objects' Ready state, and
/// either run until cancelled or, with <c>exitWhenReady</c>, stop once all are Ready (0) or at the timeout (1).
/// </summary>
public static class SandboxRun
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    public static async Task<int> RunAsync(
        FleetSandboxOptions options, bool exitWhenReady, TimeSpan timeout, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(timeout);
        await output.WriteLineAsync("Starting the Fleet sandbox: API server, CRDs, one node, the example repository.");
        FleetSandbox sandbox;
        try
        {
            sandbox = await FleetSandbox.StartAsync(options, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return 0;
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or HttpOperationException or HttpRequestException or System.ComponentModel.Win32Exception)
        {
            await error.WriteLineAsync($"fleet sandbox: could not start: {e.Message}");
            return 1;
        }

        await using (sandbox)
        {
            await output.WriteLineAsync($"API server {sandbox.ApiServer.Url}, kubeconfig {options.KubeconfigOut}");
            await output.WriteLineAsync(
                $"Example repository {sandbox.Repository.Directory} ({(sandbox.Repository.Created ? "created" : "kept from an earlier run")}), served at {sandbox.RepositoryUrl}");
            var report = new ProgressReport(FleetSandbox.WatchedIds);
            var hintsShown = false;
            try
            {
                while (true)
                {
                    var snapshot = await sandbox.ReadAsync(cancellationToken);
                    var update = report.Observe(snapshot);
                    foreach (var line in update.Lines)
                    {
                        await output.WriteLineAsync(line);
                    }
                    if (update.BecameReady)
                    {
                        await output.WriteLineAsync($"All {FleetSandbox.WatchedIds.Count} objects are Ready.");
                        if (exitWhenReady)
                        {
                            return 0;
                        }
                        if (!hintsShown)
                        {
                            await WriteHintsAsync(output, options, sandbox);
                            hintsShown = true;
                        }
                    }
                    if (exitWhenReady && deadline.IsCancellationRequested)
                    {
                        await error.WriteLineAsync($"fleet sandbox: not everything was Ready within {GoDuration.Format(timeout)}:");
                        foreach (var line in report.NotReady(snapshot))
                        {
                            await error.WriteLineAsync(line);
                        }
                        return 1;
                    }
                    await Task.Delay(PollInterval, cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await output.WriteLineAsync("Stopping the Fleet sandbox.");
                return 0;
            }
        }
    }

    private static async Task WriteHintsAsync(TextWriter output, FleetSandboxOptions options, FleetSandbox sandbox)
    {
        await output.WriteLineAsync();
        await output.WriteLineAsync("Look at it with kubectl or fleet:");
        await output.WriteLineAsync($"  kubectl --kubeconfig {options.KubeconfigOut} get ks,gitrepo -A");
        await output.WriteLineAsync($"  kubectl --kubeconfig {options.KubeconfigOut} -n demo get deploy,svc,cm");
        await output.WriteLineAsync($"  fleet get all -A --kubeconfig {options.KubeconfigOut}");
        await output.WriteLineAsync($"Edit the example repository at {sandbox.Repository.Directory} and commit: Fleet applies the change (each commit triggers a reconcile; the interval is 1m).");
        await output.WriteLineAsync("Ctrl-C stops the sandbox.");
    }
}
