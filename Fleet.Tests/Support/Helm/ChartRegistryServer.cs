using System.Security.Cryptography.X509Certificates;
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using Fleet.Tests.Support.Git;

namespace Fleet.Tests.Support.Helm;

/// <summary>
/// Debian's docker-registry (FLEET_DOCKER_REGISTRY) on a free loopback port in a directory of its own, as scripts/README.md
/// starts it: plain HTTP or TLS with a throw-away CA, optionally htpasswd basic auth. <see cref="PushAsync"/> pushes a
/// packaged chart with `helm push`, logging in first when the registry demands it.
/// </summary>
public sealed class ChartRegistryServer : IAsyncDisposable
{
    private readonly string _directory;
    private readonly Process _process;
    private readonly (string Username, string Password)? _login;

    private ChartRegistryServer(string directory, Process process, int port, TestCertificates? certificates, (string, string)? login)
    {
        _directory = directory;
        _process = process;
        Port = port;
        Certificates = certificates;
        _login = login;
    }

    public int Port { get; }

    /// <summary>`127.0.0.1:port`.</summary>
    public string Host => $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The CA that signed the server's certificate, when it speaks TLS.</summary>
    public TestCertificates? Certificates { get; }

    /// <summary>The URL of an OCI HelmRepository whose charts are under <paramref name="path"/>.</summary>
    public string UrlOf(string path) => $"oci://{Host}/{path}";

    public static async Task<ChartRegistryServer> StartAsync(bool tls = false, (string Username, string Password)? login = null)
    {
        var program = Environment.GetEnvironmentVariable("FLEET_DOCKER_REGISTRY") ?? "/usr/bin/docker-registry";
        var directory = Directory.CreateTempSubdirectory("fleet-chart-registry-").FullName;
        var port = FreePort.Next();
        var certificates = tls ? TestCertificates.Create() : null;
        var config = new List<string>
        {
            "version: 0.1", "log:", "  level: warn", "  accesslog:", "    disabled: true",
            "storage:", "  filesystem:", $"    rootdirectory: {directory}/data", "  delete:", "    enabled: true",
            "http:", $"  addr: 127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
        };
        if (certificates is not null)
        {
            await File.WriteAllTextAsync(Path.Combine(directory, "server.crt"), certificates.Server.ExportCertificatePem() + "\n");
            await File.WriteAllTextAsync(Path.Combine(directory, "server.key"), certificates.Server.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem() + "\n");
            await File.WriteAllTextAsync(Path.Combine(directory, "ca.crt"), certificates.CaPem);
            config.AddRange(["  tls:", $"    certificate: {directory}/server.crt", $"    key: {directory}/server.key"]);
        }
        if (login is { } user)
        {
            await File.WriteAllTextAsync(Path.Combine(directory, "htpasswd"), $"{user.Username}:{BCrypt.Net.BCrypt.HashPassword(user.Password, 5)}\n");
            config.AddRange(["auth:", "  htpasswd:", "    realm: fleet-charts", $"    path: {directory}/htpasswd"]);
        }
        var configPath = Path.Combine(directory, "config.yml");
        await File.WriteAllLinesAsync(configPath, config);
        var info = new ProcessStartInfo(program) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("serve");
        info.ArgumentList.Add(configPath);
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {program}");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ChartRegistryServer(directory, process, port, certificates, login);
        await Eventually.True(
            async () =>
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"docker-registry exited with {process.ExitCode}");
                }
                using var client = new TcpClient();
                try
                {
                    await client.ConnectAsync("127.0.0.1", port);
                    return true;
                }
                catch (SocketException)
                {
                    return false;
                }
            },
            TimeSpan.FromSeconds(30),
            () => $"docker-registry to listen on {server.Host}");
        return server;
    }

    /// <summary>`helm push` of <paramref name="package"/> under <paramref name="path"/>.</summary>
    public async Task PushAsync(HelmCli helm, string package, string path)
    {
        var transport = Certificates is null ? (string[])["--plain-http"] : ["--ca-file", Path.Combine(_directory, "ca.crt")];
        if (_login is { } login)
        {
            await helm.RunAsync(["registry", "login", Host, "--username", login.Username, "--password-stdin", .. transport], login.Password + "\n");
        }
        await helm.RunAsync(["push", package, UrlOf(path), .. transport]);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        Certificates?.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
