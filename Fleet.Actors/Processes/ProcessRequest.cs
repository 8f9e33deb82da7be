namespace Fleet.Actors.Processes;

/// <summary>One program to run to completion: what it is given, and how long it may take.</summary>
public sealed record ProcessRequest(string FileName, IReadOnlyList<string> Arguments)
{
    /// <summary>Where it runs; null is this process's current directory.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Changes to the inherited environment: a value sets the variable, null removes it.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>Bytes written to its standard input, which is then closed; null gives it an empty one.</summary>
    public byte[]? StandardInput { get; init; }

    /// <summary>Longest it may run before its whole process tree is killed; null is no limit but the caller's cancellation.</summary>
    public TimeSpan? Timeout { get; init; }
}
