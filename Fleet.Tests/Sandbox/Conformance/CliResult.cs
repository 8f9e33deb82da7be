namespace Fleet.Tests.Sandbox.Conformance;

public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public CliResult Succeeded()
    {
        Assert.True(ExitCode == 0, $"exit {ExitCode}\nstdout: {Stdout}\nstderr: {Stderr}");
        return this;
    }

    public CliResult Failed()
    {
        Assert.True(ExitCode != 0, $"expected failure, got exit 0\nstdout: {Stdout}");
        return this;
    }
}
