using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Fleet.Tests.Support;
using Fleet.Tests.Support.Git;

namespace Fleet.Tests.Oci;

/// <summary>
/// Debian's docker-registry (FLEET_DOCKER_REGISTRY) on a loopback port in its own temporary directory: plain HTTP, or TLS
/// with a throw-away CA, and optionally htpasswd (bcrypt) basic auth, as scripts/README.md shows.
/// </summary>
public sealed class RegistryServer : IAsyncDisposable
{
    private readonly string _directory;
    private readonly Process _process;

    private RegistryServer(string directory, Process process, int port, TestCertificates? certificates)
    {
        _directory = directory;
        _process = process;
        Port = port;
        Certificates = certificates;
    }

    public int Port { get; }

    /// <summary>`127.0.0.1:port`, the registry part of image names.</summary>
    public string Host => $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The CA that signed the server's certificate, when it serves TLS.</summary>
    public TestCertificates? Certificates { get; }

    public static async Task<RegistryServer> StartAsync(bool tls = false, (string User, string Password)? login = null, string? tokenRealm = null, string? tokenIssuerCertificatePem = null)
    {
        var program = Environment.GetEnvironmentVariable("FLEET_DOCKER_REGISTRY") ?? "/usr/bin/docker-registry";
        if (!File.Exists(program))
        {
            throw new InvalidOperationException($"docker-registry not found at {program}; run scripts/install-tools");
        }
        var directory = Directory.CreateTempSubdirectory("fleet-registry-").FullName;
        var port = FreePort.Next();
        var certificates = tls ? TestCertificates.Create() : null;
        var config = new List<string>
        {
            "version: 0.1",
            "log:",
            "  level: warn",
            "  accesslog:",
            "    disabled: true",
            "storage:",
            "  filesystem:",
            $"    rootdirectory: {directory}/data",
            "  delete:",
            "    enabled: true",
            "http:",
            $"  addr: 127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
        };
        if (certificates is not null)
        {
            await File.WriteAllTextAsync(Path.Combine(directory, "server.crt"), certificates.Server.ExportCertificatePem() + "\n");
            await File.WriteAllTextAsync(Path.Combine(directory, "server.key"), certificates.Server.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem() + "\n");
            config.AddRange(["  tls:", $"    certificate: {directory}/server.crt", $"    key: {directory}/server.key"]);
        }
        if (login is { } user)
        {
            await File.WriteAllTextAsync(Path.Combine(directory, "htpasswd"), $"{user.User}:{BCrypt.Net.BCrypt.HashPassword(user.Password, 5)}\n");
            config.AddRange(["auth:", "  htpasswd:", "    realm: fleet-test", $"    path: {directory}/htpasswd"]);
        }
        else if (tokenRealm is not null && tokenIssuerCertificatePem is not null)
        {
            await File.WriteAllTextAsync(Path.Combine(directory, "token-issuer.crt"), tokenIssuerCertificatePem);
            config.AddRange([
                "auth:", "  token:", $"    realm: {tokenRealm}", "    service: fleet-test-registry", "    issuer: fleet-test-issuer",
                $"    rootcertbundle: {directory}/token-issuer.crt",
            ]);
        }
        var configPath = Path.Combine(directory, "config.yml");
        await File.WriteAllLinesAsync(configPath, config);
        var info = new ProcessStartInfo(program) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("serve");
        info.ArgumentList.Add(configPath);
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start docker-registry");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new RegistryServer(directory, process, port, certificates);
        await server.WaitUntilListeningAsync();
        return server;
    }

    private async Task WaitUntilListeningAsync()
    {
        await Eventually.True(
            async () =>
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"docker-registry exited with {_process.ExitCode}");
                }
                using var client = new TcpClient();
                try
                {
                    await client.ConnectAsync("127.0.0.1", Port);
                    return true;
                }
                catch (SocketException)
                {
                    return false;
                }
            },
            TimeSpan.FromSeconds(30),
            () => $"docker-registry to listen on {Host}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        Certificates?.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
