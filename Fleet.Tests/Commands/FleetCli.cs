using CliWrap;
using CliWrap.Buffered;

namespace Fleet.Tests.Commands;

/// <summary>Runs the built `fleet` executable to its end and returns its exit code, stdout and stderr apart, as a user's shell sees them.</summary>
public static class FleetCli
{
    private static string FleetDll => Path.Combine(AppContext.BaseDirectory, "fleet.dll");

    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(IReadOnlyList<string> arguments, TimeSpan? timeout = null, string? input = null)
    {
        using var limit = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        var command = CliWrap.Cli.Wrap("dotnet")
            .WithArguments([FleetDll, .. arguments])
            .WithEnvironmentVariables(e => e.Set("FLUX_SYSTEM_NAMESPACE", null).Set("KUBECONFIG", null))
            .WithValidation(CommandResultValidation.None);
        if (input is not null)
        {
            command = command.WithStandardInputPipe(PipeSource.FromString(input));
        }
        var result = await command.ExecuteBufferedAsync(limit.Token);
        return (result.ExitCode, result.StandardOutput, result.StandardError);
    }
}
