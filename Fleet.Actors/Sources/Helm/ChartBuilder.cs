using System.IO.Compression;
using System.Text.Json.Nodes;
using Fleet.Actors.Sources.Artifacts;

namespace Fleet.Actors.Sources.Helm;

/// <summary>
/// Source-controller's chart builders: a pulled package is stored as served unless values files or build metadata call for
/// packaging; a chart in a source tree (directory or package) is packaged with its values files read from the tree.
/// Everything is built under a scratch directory the caller owns.
/// </summary>
public sealed class ChartBuilder(ChartPackager packager)
{
    /// <summary>
    /// A chart pulled from a repository (<paramref name="package"/>), as <paramref name="name"/> at <paramref name="version"/>;
    /// values files are read from the chart, or from <paramref name="valuesRoot"/> for a package inside a source tree.
    /// </summary>
    public async Task<ChartBuild> BuildPulledAsync(
        string package, string name, string version, ChartBuildOptions options, string work, CancellationToken cancellation, string? valuesRoot = null)
    {
        var published = options.VersionOf(version);
        if (!options.RequiresPackaging)
        {
            Validate(package, ChartBuildError.Pull, "failed to load chart metadata from written chart");
            return new ChartBuild(name, published, package, [], Packaged: false);
        }
        var extracted = Path.Combine(work, "pulled");
        try
        {
            await SafeExtractor.ExtractAsync(package, extracted, cancellation);
        }
        catch (Exception error) when (error is InvalidDataException or IOException or ArtifactDownloadException)
        {
            throw new ChartBuildException(ChartBuildError.Package, $"failed to load downloaded chart: {error.Message}", error);
        }
        var chart = Directory.EnumerateDirectories(extracted).FirstOrDefault(d => File.Exists(Path.Combine(d, "Chart.yaml")))
            ?? throw new ChartBuildException(ChartBuildError.Package, "failed to load downloaded chart: Chart.yaml file is missing");
        return await PackageAsync(chart, name, published, options, valuesRoot ?? chart, work, cancellation);
    }

    /// <summary>A chart at <paramref name="chartPath"/> in a source tree (a directory, or a packaged `.tgz`).</summary>
    public async Task<ChartBuild> BuildLocalAsync(string root, string chartPath, ChartBuildOptions options, string work, CancellationToken cancellation)
    {
        var relative = ValuesFilesPath(chartPath);
        var path = Path.Combine(root, relative);
        if (Directory.Exists(path))
        {
            var metadata = ReadMetadata(() => ChartMetadata.Parse(File.ReadAllText(Path.Combine(path, "Chart.yaml"))), chartPath);
            var copy = Path.Combine(work, "chart", metadata.Name);
            DirectoryTree.Copy(path, copy);
            return await PackageAsync(copy, metadata.Name, options.VersionOf(metadata.Version), options, root, work, cancellation);
        }
        if (!File.Exists(path))
        {
            throw new ChartBuildException(ChartBuildError.Reference, $"stat {relative}: no such file or directory");
        }
        var packaged = ReadMetadata(() => ChartMetadata.FromArchive(path), chartPath);
        if (!options.RequiresPackaging)
        {
            return new ChartBuild(packaged.Name, packaged.Version, path, [], Packaged: false);
        }
        return await BuildPulledAsync(path, packaged.Name, packaged.Version, options, work, cancellation, valuesRoot: root);
    }

    private async Task<ChartBuild> PackageAsync(
        string chart, string name, string version, ChartBuildOptions options, string valuesRoot, string work, CancellationToken cancellation)
    {
        JsonObject? values = null;
        IReadOnlyList<string> merged = [];
        if (options.ValuesFiles.Count > 0)
        {
            (values, merged) = ValuesFiles.Merge(options.ValuesFiles, file => ReadValues(valuesRoot, chart, file), options.IgnoreMissingValuesFiles);
        }
        var package = await packager.PackageAsync(chart, version, values, Path.Combine(work, "package"), cancellation);
        return new ChartBuild(name, version, package, merged, Packaged: true);
    }

    /// <summary>A values file under <paramref name="root"/>; `values.yaml` of a pulled chart is its own default values.</summary>
    private static string? ReadValues(string root, string chart, string file)
    {
        var path = Path.Combine(root, file);
        if (file == ValuesFiles.ChartValues && root == chart)
        {
            path = Path.Combine(chart, ValuesFiles.ChartValues);
        }
        return File.Exists(path) ? File.ReadAllText(path) : null;
    }

    private static string ValuesFilesPath(string chartPath)
    {
        try
        {
            return ValuesFiles.Clean(chartPath);
        }
        catch (ChartBuildException)
        {
            throw new ChartBuildException(ChartBuildError.Reference, $"chart path '{chartPath}' leaves the source artifact");
        }
    }

    private static ChartMetadata ReadMetadata(Func<ChartMetadata> read, string chartPath)
    {
        try
        {
            return read();
        }
        catch (Exception error) when (error is FormatException or IOException or InvalidDataException)
        {
            throw new ChartBuildException(ChartBuildError.Reference, $"failed to load chart metadata from '{chartPath}': {error.Message}", error);
        }
    }

    private static void Validate(string package, ChartBuildError error, string what)
    {
        try
        {
            ChartMetadata.FromArchive(package);
        }
        catch (Exception failure) when (failure is FormatException or IOException or InvalidDataException)
        {
            throw new ChartBuildException(error, $"{what}: {failure.Message}", failure);
        }
    }
}
