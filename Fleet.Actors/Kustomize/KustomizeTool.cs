using System.ComponentModel;
using System.Text.Json;
using System.Text.RegularExpressions;
using Fleet.Actors.Processes;
using Fleet.Messages.Api.Meta;

namespace Fleet.Actors.Kustomize;

/// <summary>
/// How kustomize runs: a `kustomize` binary (`FLEET_KUSTOMIZE`, or on PATH) as `kustomize build`, else the kustomize
/// built into kubectl (`FLEET_KUBECTL`, or on PATH) as `kubectl kustomize`. One process per build. Files outside a
/// kustomization's own directory may be loaded, as in Flux; <see cref="KustomizationReferences"/> keeps them inside the artifact.
/// </summary>
public sealed partial class KustomizeTool
{
    private readonly string? _fileName;
    private readonly string[] _command;

    // Each run is a process that parses every manifest; more at once than cores only queue on the CPU.
    private readonly SemaphoreSlim _slots;

    private KustomizeTool(string? fileName, string[] command, TimeSpan timeout, SemaphoreSlim slots)
    {
        _fileName = fileName;
        _command = command;
        Timeout = timeout;
        _slots = slots;
    }

    private KustomizeTool(string? fileName, params string[] command)
        : this(fileName, command, TimeSpan.FromMinutes(2), new SemaphoreSlim(Environment.ProcessorCount))
    {
    }

    /// <summary>Longest a single kustomize run may take before the build fails.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>The same tool, sharing its concurrency limit, with another time limit per run.</summary>
    public KustomizeTool WithTimeout(TimeSpan timeout) => new(_fileName, _command, timeout, _slots);

    /// <summary>What runs, for logs: `kustomize build` or `kubectl kustomize` with its path.</summary>
    public string Description => _fileName is null ? "no kustomize found" : $"{_fileName} {_command[0]}";

    /// <summary>The program and verb a build runs (`kustomize build`, `kubectl kustomize`), for tools that run it themselves; null when none was found.</summary>
    public IReadOnlyList<string>? Command => _fileName is null ? null : [_fileName, _command[0]];

    public static KustomizeTool Kustomize(string path) => new(path, "build");

    public static KustomizeTool Kubectl(string path) => new(path, "kustomize");

    public static KustomizeTool Locate()
    {
        if (Environment.GetEnvironmentVariable("FLEET_KUSTOMIZE") is { Length: > 0 } kustomize)
        {
            return Kustomize(kustomize);
        }
        if (FindOnPath("kustomize") is { } onPath)
        {
            return Kustomize(onPath);
        }
        if (Environment.GetEnvironmentVariable("FLEET_KUBECTL") is { Length: > 0 } kubectl)
        {
            return Kubectl(kubectl);
        }
        return FindOnPath("kubectl") is { } kubectlOnPath ? Kubectl(kubectlOnPath) : new KustomizeTool(null, "");
    }

    /// <summary>Runs the build of <paramref name="directory"/> and returns the multi-document YAML it printed.</summary>
    public async Task<string> BuildAsync(string directory, CancellationToken ct)
    {
        if (_fileName is null)
        {
            throw new KustomizeBuildException(ConditionReasons.BuildFailed,
                "kustomize build failed: neither kustomize nor kubectl was found; put one on PATH or set FLEET_KUSTOMIZE or FLEET_KUBECTL");
        }
        await _slots.WaitAsync(ct);
        try
        {
            return await RunAsync(_fileName, directory, ct);
        }
        finally
        {
            _slots.Release();
        }
    }

    private async Task<string> RunAsync(string fileName, string directory, CancellationToken ct)
    {
        var request = new ProcessRequest(fileName, [_command[0], directory, "--load-restrictor=LoadRestrictionsNone"])
        {
            WorkingDirectory = directory,
            Timeout = Timeout,
        };
        ProcessResult result;
        try
        {
            result = await ProcessRunner.RunAsync(request, ct);
        }
        catch (ProcessTimeoutException)
        {
            throw new KustomizeBuildException(ConditionReasons.BuildFailed, $"kustomize build failed: timed out after {GoDuration.Format(Timeout)}");
        }
        catch (Win32Exception error)
        {
            throw new KustomizeBuildException(ConditionReasons.BuildFailed, $"kustomize build failed: cannot run {fileName}: {error.Message}", error);
        }
        if (result.ExitCode != 0)
        {
            throw new KustomizeBuildException(ConditionReasons.BuildFailed, $"kustomize build failed: {ErrorText(result.StandardError)}");
        }
        return result.StandardOutput;
    }

    /// <summary>The error kustomize reported, without kubectl's wrapping: `Error: …` (kubectl 1.33+, kustomize) or a klog line (kubectl 1.32).</summary>
    private static string ErrorText(string stderr)
    {
        var text = stderr.Trim();
        if (KlogFailure().Match(text) is { Success: true } klog)
        {
            try
            {
                return JsonSerializer.Deserialize<string>($"\"{klog.Groups["message"].Value}\"") ?? text;
            }
            catch (JsonException)
            {
                return klog.Groups["message"].Value;
            }
        }
        return text.StartsWith("Error: ", StringComparison.OrdinalIgnoreCase) ? text["Error: ".Length..] : text;
    }

    [GeneratedRegex("""^E\d{4} \S+\s+\d+ \S+\] "command failed" err="(?<message>.*)"$""", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex KlogFailure();

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
}
