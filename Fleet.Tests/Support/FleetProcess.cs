using System.Diagnostics;
using System.Text;

namespace Fleet.Tests.Support;

/// <summary>Starts the built `fleet` executable as an operator would, with its output lines handed to the test.</summary>
public static class FleetProcess
{
    private static string FleetDll => Path.Combine(AppContext.BaseDirectory, "fleet.dll");

    public static Process Start(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, Action<string> onLine, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
        };
        info.ArgumentList.Add(FleetDll);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start fleet");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { onLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { onLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Runs fleet to its end (killed after <paramref name="timeout"/>, which fails the test) and returns its exit code and all output.</summary>
    public static async Task<(int ExitCode, string Output)> RunToEndAsync(IReadOnlyList<string> arguments, TimeSpan timeout, string? workingDirectory = null)
    {
        var output = new StringBuilder();
        using var process = Start(arguments, new Dictionary<string, string>(), line => { lock (output) { output.AppendLine(line); } }, workingDirectory);
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            lock (output)
            {
                throw new TimeoutException($"fleet {string.Join(' ', arguments)} ran longer than {timeout}:\n{output}");
            }
        }
        // The asynchronous readers may still be delivering the last lines.
        process.WaitForExit();
        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }
}
