using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using Fleet.Actors.Processes;

namespace Fleet.Tests.Support.Git;

/// <summary>
/// A real sshd (FLEET_SSHD) on 127.0.0.1 with a throw-away host key and client key, serving git over
/// ssh as the user the tests run as; repositories are addressed by absolute path.
/// </summary>
public sealed class GitSshServer : IAsyncDisposable
{
    private readonly string _directory;
    private readonly Process _server;

    private GitSshServer(string directory, Process server, int port)
    {
        _directory = directory;
        _server = server;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The client's private key (OpenSSH format), as a Secret's `identity` holds it.</summary>
    public string ClientIdentity => File.ReadAllText(Path.Combine(_directory, "client_key"));

    /// <summary>A known_hosts line for this server, as a Secret's `known_hosts` holds it.</summary>
    public string KnownHosts =>
        $"[127.0.0.1]:{Port} {File.ReadAllText(Path.Combine(_directory, "host_key.pub")).Trim()}\n";

    /// <summary>A known_hosts line naming this address with some other key: a host-key mismatch.</summary>
    public string WrongKnownHosts =>
        $"[127.0.0.1]:{Port} {File.ReadAllText(Path.Combine(_directory, "other_key.pub")).Trim()}\n";

    /// <summary>A private key sshd does not accept.</summary>
    public string UnknownIdentity => File.ReadAllText(Path.Combine(_directory, "other_key"));

    public string UrlOf(GitWorkRepository repository) =>
        $"ssh://{Environment.UserName}@127.0.0.1:{Port}{repository.Directory}";

    public static async Task<GitSshServer> StartAsync()
    {
        var sshd = Environment.GetEnvironmentVariable("FLEET_SSHD") ?? "/usr/sbin/sshd";
        if (!File.Exists(sshd))
        {
            throw new InvalidOperationException($"sshd not found at {sshd}; run scripts/install-tools");
        }
        var directory = Directory.CreateTempSubdirectory("fleet-sshd-").FullName;
        foreach (var key in new[] { "host_key", "client_key", "other_key" })
        {
            await RunAsync("ssh-keygen", directory, "-q", "-t", "ed25519", "-N", "", "-C", "fleet-test", "-f", Path.Combine(directory, key));
        }
        File.Copy(Path.Combine(directory, "client_key.pub"), Path.Combine(directory, "authorized_keys"));
        var port = FreePort.Next();
        File.WriteAllText(Path.Combine(directory, "sshd_config"), $"""
            ListenAddress 127.0.0.1
            Port {port.ToString(CultureInfo.InvariantCulture)}
            HostKey {directory}/host_key
            PidFile none
            AuthorizedKeysFile {directory}/authorized_keys
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            UsePAM no
            StrictModes no
            PermitRootLogin prohibit-password
            """ + "\n");
        var start = new ProcessStartInfo(sshd)
        {
            WorkingDirectory = directory,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-D", "-e", "-f", Path.Combine(directory, "sshd_config") })
        {
            start.ArgumentList.Add(argument);
        }
        var server = Process.Start(start) ?? throw new InvalidOperationException("sshd did not start");
        server.BeginErrorReadLine();
        server.BeginOutputReadLine();
        var ssh = new GitSshServer(directory, server, port);
        await ssh.WaitUntilListeningAsync();
        return ssh;
    }

    private async Task WaitUntilListeningAsync()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (_server.HasExited)
            {
                throw new InvalidOperationException($"sshd exited with {_server.ExitCode}");
            }
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        throw new TimeoutException($"sshd did not listen on port {Port} within 10 s");
    }

    private static async Task RunAsync(string file, string directory, params string[] arguments)
    {
        var request = new ProcessRequest(file, arguments) { WorkingDirectory = directory, Timeout = TimeSpan.FromSeconds(30) };
        var result = await ProcessRunner.RunAsync(request, CancellationToken.None);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} failed: {result.StandardError}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_server.HasExited)
        {
            _server.Kill();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _server.WaitForExitAsync(timeout.Token);
        }
        _server.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
