using System.ComponentModel;
using Fleet.Actors.Kube;
using Fleet.Actors.Processes;
using System.Text.Json.Nodes;

namespace Fleet.Actors.Sources.Helm;

/// <summary>
/// Packages a chart directory as Flux's builder does (Helm's chartutil.Save): the version set to the build's, the merged
/// values replacing `values.yaml`, `.helmignore` honoured. The helm binary does the packaging, with its own empty home.
/// </summary>
public sealed class ChartPackager(string? helm, string home)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>Packages <paramref name="chartDirectory"/> (which it may change) into <paramref name="output"/>; returns the package.</summary>
    public async Task<string> PackageAsync(string chartDirectory, string version, JsonObject? values, string output, CancellationToken cancellation)
    {
        if (helm is null)
        {
            throw new ChartBuildException(ChartBuildError.Package, "no helm binary found: set FLEET_HELM or put helm on PATH");
        }
        var dependencies = ChartMetadata.Parse(await File.ReadAllTextAsync(Path.Combine(chartDirectory, "Chart.yaml"), cancellation)).Dependencies;
        if (dependencies.FirstOrDefault(d => !IsVendored(chartDirectory, d)) is { } missing)
        {
            throw new ChartBuildException(
                ChartBuildError.DependencyBuild,
                $"chart dependency '{missing}' is not in the chart's charts/ directory; this version of Fleet builds only charts whose dependencies are vendored");
        }
        if (values is not null)
        {
            await File.WriteAllTextAsync(Path.Combine(chartDirectory, ValuesFiles.ChartValues), YamlJson.Serialize(values), cancellation);
        }
        Directory.CreateDirectory(output);
        ProcessResult result;
        try
        {
            result = await ProcessRunner.RunAsync(
                new ProcessRequest(helm, ["package", chartDirectory, "--version", version, "--destination", output])
                {
                    Environment = HelmEnvironment.For(home),
                    Timeout = Timeout,
                },
                cancellation);
        }
        catch (Exception error) when (error is Win32Exception or ProcessTimeoutException)
        {
            throw new ChartBuildException(ChartBuildError.Package, $"failed to package chart: {error.Message}", error);
        }
        if (result.ExitCode != 0)
        {
            throw new ChartBuildException(ChartBuildError.Package, $"failed to package chart: {result.StandardError.Trim().Replace("Error: ", "", StringComparison.Ordinal)}");
        }
        return Directory.EnumerateFiles(output, "*.tgz").Single();
    }

    private static bool IsVendored(string chartDirectory, string dependency)
    {
        var charts = Path.Combine(chartDirectory, "charts");
        return Directory.Exists(Path.Combine(charts, dependency))
            || (Directory.Exists(charts) && Directory.EnumerateFiles(charts, dependency + "-*.tgz").Any());
    }
}
