using System.Diagnostics;
using System.Globalization;

namespace Fleet.Bench;

/// <summary>This benchmark executable started again as <see cref="GitHttpFront"/>: a git server in its own process.</summary>
public sealed class GitServerProcess : IAsyncDisposable
{
    public const string Command = "serve-git";

    private readonly Process _process;

    private GitServerProcess(Process process, int port)
    {
        _process = process;
        BaseUrl = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
    }

    public string BaseUrl { get; }

    public TimeSpan TotalProcessorTime => _process.TotalProcessorTime;

    public static async Task<GitServerProcess> StartAsync(string root)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("no process path");
        var start = new ProcessStartInfo(self) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(GitServerProcess).Assembly.Location);
        }
        start.ArgumentList.Add(Command);
        start.ArgumentList.Add(root);
        var process = Process.Start(start) ?? throw new InvalidOperationException("the git server process did not start");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var line = await process.StandardOutput.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException("the git server process exited");
        return new GitServerProcess(process, int.Parse(line, CultureInfo.InvariantCulture));
    }

    public async ValueTask DisposeAsync()
    {
        _process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }
        _process.Dispose();
    }
}
