using System.ComponentModel;
using System.Runtime.ExceptionServices;
using System.Text;
using CliWrap;

namespace Fleet.Actors.Processes;

/// <summary>
/// Runs an external program to completion with CliWrap: output captured, exit code returned whatever it is (the caller
/// decides what failure means and how to word it), and the whole process tree killed on cancellation or timeout.
/// </summary>
public static class ProcessRunner
{
    /// <exception cref="Win32Exception">The program could not be started (missing, not executable).</exception>
    /// <exception cref="ProcessTimeoutException">It ran past <see cref="ProcessRequest.Timeout"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled.</exception>
    public static async Task<ProcessResult> RunAsync(ProcessRequest request, CancellationToken cancellation)
    {
        var output = new StringBuilder();
        var error = new StringBuilder();
        var command = Cli.Wrap(request.FileName)
            .WithArguments(request.Arguments)
            .WithEnvironmentVariables(request.Environment)
            .WithStandardInputPipe(request.StandardInput is { } input ? PipeSource.FromBytes(input) : PipeSource.Null)
            .WithStandardOutputPipe(PipeTarget.ToStringBuilder(output, Encoding.UTF8))
            .WithStandardErrorPipe(PipeTarget.ToStringBuilder(error, Encoding.UTF8))
            .WithValidation(CommandResultValidation.None);
        if (request.WorkingDirectory is { } directory)
        {
            command = command.WithWorkingDirectory(directory);
        }
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        if (request.Timeout is { } after)
        {
            limit.CancelAfter(after);
        }
        try
        {
            var result = await command.ExecuteAsync(limit.Token).ConfigureAwait(false);
            return new ProcessResult(result.ExitCode, output.ToString(), error.ToString());
        }
        catch (Win32Exception wrapped) when (wrapped.InnerException is Win32Exception cause)
        {
            // CliWrap wraps the runtime's own error; callers report the runtime's text, as they did before CliWrap.
            ExceptionDispatchInfo.Throw(cause);
            throw;
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested && request.Timeout is { } timeout)
        {
            throw new ProcessTimeoutException(request.FileName, timeout, output.ToString(), error.ToString());
        }
    }
}
