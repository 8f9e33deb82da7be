using Fleet.Actors.Processes;
using Fleet.Actors.Sources.Helm;
using Fleet.Tests.Sandbox.Conformance;

namespace Fleet.Tests.Support.Helm;

/// <summary>Runs the pinned helm for test fixtures with a home of its own; fails loudly with helm's message.</summary>
public sealed class HelmCli(string home)
{
    public string Home { get; } = home;

    /// <summary>Runs helm; <paramref name="input"/> goes to its standard input (a password for `registry login`).</summary>
    public async Task<string> RunAsync(IReadOnlyList<string> arguments, string? input = null)
    {
        var result = await ProcessRunner.RunAsync(
            new ProcessRequest(ToolLocator.Helm, arguments)
            {
                Environment = HelmEnvironment.For(Home),
                StandardInput = input is null ? null : System.Text.Encoding.UTF8.GetBytes(input),
                Timeout = TimeSpan.FromMinutes(1),
            },
            CancellationToken.None);
        return result.ExitCode == 0
            ? result.StandardOutput
            : throw new InvalidOperationException($"helm {string.Join(' ', arguments)} failed ({result.ExitCode}): {result.StandardError}");
    }
}
