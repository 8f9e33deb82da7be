namespace Fleet.Node.Commands.Cli;

/// <summary>A failure the user caused or can fix: printed as one <c>✗</c> line on stderr, exit code 1.</summary>
public sealed class CliException(string message) : Exception(message);
