namespace Fleet.Actors.Processes;

/// <summary>How a program ended and all it printed, decoded as UTF-8.</summary>
public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError);
