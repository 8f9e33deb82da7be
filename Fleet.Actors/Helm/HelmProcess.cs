using System.ComponentModel;
using Fleet.Actors.Processes;
using Fleet.Actors.Sources.Helm;
using Fleet.Messages.Api.Meta;

namespace Fleet.Actors.Helm;

/// <summary>
/// The pinned helm binary (found by <see cref="HelmTool.Locate"/>) run as a process per release action, with helm's homes under the
/// node's data directory so no user configuration leaks in. Helm prints secrets only when asked to (`--debug`), which
/// Fleet never is; values reach it in a private file, never on its command line.
/// </summary>
public sealed class HelmProcess
{
    private const string ErrorPrefix = "Error: ";

    private readonly string? _fileName;
    private readonly string _home;

    // Each helm process renders charts and waits on the API server; more than a few per core only queue.
    private readonly SemaphoreSlim _slots;

    public HelmProcess(string? fileName, string home, int concurrency)
    {
        _fileName = fileName;
        _home = home;
        _slots = new SemaphoreSlim(concurrency);
    }

    /// <summary>Runs `helm <paramref name="arguments"/>` against <paramref name="kubeconfig"/> (in-cluster when null) and returns what it printed.</summary>
    /// <exception cref="HelmCommandException">helm failed, is missing, or ran out of time.</exception>
    public async Task<string> RunAsync(IReadOnlyList<string> arguments, string? kubeconfig, TimeSpan timeout, CancellationToken cancellation)
    {
        if (_fileName is null)
        {
            throw new HelmCommandException("helm was not found; put it on PATH or set FLEET_HELM");
        }
        var environment = new Dictionary<string, string?>(HelmEnvironment.For(_home))
        {
            ["KUBECONFIG"] = kubeconfig,
            ["HELM_DRIVER"] = "secret",
            ["HELM_DEBUG"] = null,
            ["HELM_NAMESPACE"] = null,
            ["HELM_KUBECONTEXT"] = null,
            ["HELM_KUBETOKEN"] = null,
        };
        await _slots.WaitAsync(cancellation);
        try
        {
            // The action's own --timeout bounds helm's waits; the process gets a margin beyond it to report them.
            var request = new ProcessRequest(_fileName, arguments) { Environment = environment, Timeout = timeout + TimeSpan.FromMinutes(1) };
            var result = await ProcessRunner.RunAsync(request, cancellation);
            return result.ExitCode == 0 ? result.StandardOutput : throw new HelmCommandException(ErrorText(result.StandardError));
        }
        catch (ProcessTimeoutException)
        {
            throw new HelmCommandException($"helm {arguments[0]} did not finish within {GoDuration.Format(timeout)}");
        }
        catch (Win32Exception error)
        {
            throw new HelmCommandException($"cannot run {_fileName}: {error.Message}");
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>helm's error from its `Error: ` line on (a schema failure lists each violation below it); warnings before it are left out.</summary>
    public static string ErrorText(string stderr)
    {
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var first = Array.FindIndex(lines, l => l.StartsWith(ErrorPrefix, StringComparison.Ordinal));
        if (first < 0)
        {
            return lines.Length == 0 ? "helm failed without a message" : lines[^1];
        }
        return string.Join('\n', lines[first..])[ErrorPrefix.Length..];
    }
}
