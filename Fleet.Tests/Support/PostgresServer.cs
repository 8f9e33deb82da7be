using System.Diagnostics;
using Fleet.Actors.Processes;
using Npgsql;

namespace Fleet.Tests.Support;

/// <summary>
/// A throw-away PostgreSQL server on a loopback port, from the Debian binaries scripts/install-tools
/// installs (FLEET_PG_BIN). As root it runs as the postgres user, since PostgreSQL refuses root.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly string _directory;
    private readonly Process _server;

    private PostgresServer(string directory, Process server, int port)
    {
        _directory = directory;
        _server = server;
        ConnectionString = $"Host=127.0.0.1;Port={port};Username=fleet;Database=postgres";
    }

    public string ConnectionString { get; }

    public static async Task<PostgresServer> StartAsync()
    {
        var bin = Environment.GetEnvironmentVariable("FLEET_PG_BIN") ?? "/usr/lib/postgresql/15/bin";
        if (!File.Exists(Path.Combine(bin, "postgres")))
        {
            throw new InvalidOperationException($"PostgreSQL server binaries not found in {bin}; run scripts/install-tools");
        }
        var directory = Directory.CreateTempSubdirectory("fleet-pg-").FullName;
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            await RunAsync("chown", ["postgres:postgres", directory], directory);
        }
        await RunAsync(Path.Combine(bin, "initdb"), ["-D", Path.Combine(directory, "data"), "-U", "fleet", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"], directory, asRoot);
        var port = FreePort.Next();
        var server = Start(
            Path.Combine(bin, "postgres"),
            ["-D", Path.Combine(directory, "data"), "-h", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
             "-c", "unix_socket_directories=", "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"],
            directory,
            asRoot);
        var postgres = new PostgresServer(directory, server, port);
        await postgres.WaitUntilReadyAsync();
        return postgres;
    }

    private async Task WaitUntilReadyAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString);
                await connection.OpenAsync();
                return;
            }
            catch (NpgsqlException) when (deadline.Elapsed < TimeSpan.FromSeconds(30) && !_server.HasExited)
            {
                await Task.Delay(100);
            }
        }
    }

    public async Task<long> CountRowsAsync(string table)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select count(*) from {table}", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_server.HasExited)
        {
            // SIGINT is PostgreSQL's fast shutdown.
            await ProcessSignals.InterruptAsync(_server);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await _server.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _server.Kill();
            }
        }
        _server.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private static Process Start(string program, IReadOnlyList<string> arguments, string workingDirectory, bool asPostgresUser)
    {
        var (file, command) = CommandLine(program, arguments, asPostgresUser);
        var info = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in command)
        {
            info.ArgumentList.Add(argument);
        }
        var process = Process.Start(info)
            ?? throw new InvalidOperationException($"could not start {program}");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments, string workingDirectory, bool asPostgresUser = false)
    {
        var (file, command) = CommandLine(program, arguments, asPostgresUser);
        var result = await ProcessRunner.RunAsync(new ProcessRequest(file, command) { WorkingDirectory = workingDirectory }, CancellationToken.None);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} exited with {result.ExitCode}: {result.StandardError}");
        }
    }

    /// <summary>Runs <paramref name="program"/> directly, or as the postgres user through setpriv (which execs, keeping the pid).</summary>
    private static (string File, IReadOnlyList<string> Arguments) CommandLine(string program, IReadOnlyList<string> arguments, bool asPostgresUser) =>
        asPostgresUser
            ? ("setpriv", ["--reuid=postgres", "--regid=postgres", "--init-groups", "--", program, .. arguments])
            : (program, arguments);
}
