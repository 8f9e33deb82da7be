using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Fleet.Actors.Processes;
using Fleet.Tests.Support;

namespace Fleet.Tests.Processes;

/// <summary>What a caller of the one process runner relies on: output, exit code, environment, input and the time limit.</summary>
public sealed class ProcessRunnerTests : IDisposable
{
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("fleet-runner-");

    public void Dispose() => _temp.Delete(recursive: true);

    [Fact]
    public async Task AFailingProgramReturnsItsExitCodeWithStdoutAndStderrApart()
    {
        var result = await Shell("echo out; echo 'err: ünïcode' >&2; exit 3");

        Assert.Equal(3, result.ExitCode);
        Assert.Equal("out\n", result.StandardOutput);
        Assert.Equal("err: ünïcode\n", result.StandardError);
    }

    [Fact]
    public async Task ArgumentsArriveAsGivenAndTheWorkingDirectoryApplies()
    {
        var result = await ProcessRunner.RunAsync(
            new ProcessRequest("sh", ["-c", "pwd; printf '%s|' \"$@\"", "sh", "with space", "it's", "\"quoted\""]) { WorkingDirectory = _temp.FullName },
            CancellationToken.None);

        Assert.Equal($"{_temp.FullName}\nwith space|it's|\"quoted\"|", result.StandardOutput);
    }

    [Fact]
    public async Task EnvironmentEntriesAreAddedAndANullRemovesAnInheritedVariable()
    {
        var name = $"FLEET_RUNNER_TEST_{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable(name, "inherited");
        try
        {
            var script = $"echo ${{{name}-unset}} ${{FLEET_RUNNER_ADDED-unset}}";

            var inherited = await Shell(script);
            var changed = await Shell(script, new Dictionary<string, string?> { [name] = null, ["FLEET_RUNNER_ADDED"] = "added" });

            Assert.Equal("inherited unset\n", inherited.StandardOutput);
            Assert.Equal("unset added\n", changed.StandardOutput);
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public async Task StandardInputIsTheGivenBytesThenClosed()
    {
        var result = await ProcessRunner.RunAsync(
            new ProcessRequest("cat", []) { StandardInput = Encoding.UTF8.GetBytes("line one\nline two\n") }, CancellationToken.None);

        Assert.Equal("line one\nline two\n", result.StandardOutput);
    }

    [Fact]
    public async Task WithoutInputStandardInputIsEmptyRatherThanInherited()
    {
        var result = await ProcessRunner.RunAsync(new ProcessRequest("cat", []) { Timeout = TimeSpan.FromSeconds(10) }, CancellationToken.None);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.StandardOutput);
    }

    [Fact]
    public async Task OverTheTimeLimitTheWholeTreeIsKilledAndWhatItPrintedIsKept()
    {
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<ProcessTimeoutException>(() => Shell(
            "sleep 30 & echo $!; echo started >&2; wait", timeout: TimeSpan.FromMilliseconds(500)));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        Assert.Equal(TimeSpan.FromMilliseconds(500), error.Timeout);
        Assert.Equal("started\n", error.StandardError);
        var child = int.Parse(error.StandardOutput.Trim(), CultureInfo.InvariantCulture);
        await Eventually.True(() => !IsAlive(child), TimeSpan.FromSeconds(5), () => $"the shell's child {child} to be killed with it");
    }

    [Fact]
    public async Task CancellationByTheCallerKillsTheProgramAndIsNotATimeout()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();

        var error = await Record.ExceptionAsync(() => ProcessRunner.RunAsync(
            new ProcessRequest("sleep", ["30"]) { Timeout = TimeSpan.FromMinutes(1) }, cancel.Token));

        Assert.IsAssignableFrom<OperationCanceledException>(error);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task AProgramThatDoesNotExistFailsWithTheRuntimesOwnError()
    {
        var missing = Path.Combine(_temp.FullName, "no-such-program");

        var error = await Assert.ThrowsAsync<Win32Exception>(() => ProcessRunner.RunAsync(new ProcessRequest(missing, []), CancellationToken.None));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        Assert.Contains("No such file or directory", error.Message, StringComparison.Ordinal);
        Assert.Null(error.InnerException);
    }

    private static Task<ProcessResult> Shell(string script, IReadOnlyDictionary<string, string?>? environment = null, TimeSpan? timeout = null) =>
        ProcessRunner.RunAsync(
            new ProcessRequest("sh", ["-c", script]) { Environment = environment ?? new Dictionary<string, string?>(), Timeout = timeout },
            CancellationToken.None);

    // A killed child whose parent died too may stay a zombie until something reaps it; a zombie runs nothing.
    private static bool IsAlive(int pid) =>
        File.Exists($"/proc/{pid}/stat") && File.ReadAllText($"/proc/{pid}/stat").Split(')')[^1].Trim().FirstOrDefault() != 'Z';
}
