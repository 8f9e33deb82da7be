namespace Fleet.Actors.Processes;

/// <summary>A program ran past its <see cref="ProcessRequest.Timeout"/> and was killed, with what it had printed by then.</summary>
public sealed class ProcessTimeoutException(string fileName, TimeSpan timeout, string standardOutput, string standardError)
    : TimeoutException($"{fileName} did not finish within {timeout}")
{
    public TimeSpan Timeout { get; } = timeout;

    public string StandardOutput { get; } = standardOutput;

    public string StandardError { get; } = standardError;
}
