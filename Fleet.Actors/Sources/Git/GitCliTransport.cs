using System.Globalization;
using Fleet.Actors.Processes;

namespace Fleet.Actors.Sources.Git;

/// <summary>
/// The `git` CLI, for what LibGit2Sharp cannot do: its bundled libgit2 has no SSH transport, and its
/// ref listing takes no extra header (bearer token) or CA (with a CA, basic auth comes here too).
/// Secrets never go on a command line: the key, known_hosts and CA are files with mode 0600 in a
/// private temporary directory deleted afterwards, and the authorization header is passed as
/// configuration through the environment (GIT_CONFIG_COUNT). SSH runs with StrictHostKeyChecking=yes
/// against the Secret's known_hosts only, and IdentitiesOnly=yes with the Secret's key only.
/// </summary>
public sealed class GitCliTransport(string url, string displayUrl, GitCredentials credentials) : IGitTransport
{
    /// <summary>Name prefix of the per-command directory under the temp path that holds key files.</summary>
    public const string SecretsDirectoryPrefix = "fleet-gitcred-";

    public async Task<IReadOnlyDictionary<string, string>> ListAsync(CancellationToken cancellation)
    {
        var output = await RunAsync("listing refs of", null, ["ls-remote", url], cancellation);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split('\t');
            if (parts.Length == 2 && !parts[1].EndsWith("^{}", StringComparison.Ordinal))
            {
                result[parts[1].Trim()] = parts[0].Trim();
            }
        }
        return result;
    }

    public async Task FetchAsync(string gitDirectory, IReadOnlyList<string> refspecs, int? depth, CancellationToken cancellation)
    {
        if (!GitFetcher.IsRepository(gitDirectory))
        {
            await RunAsync("creating a working copy for", null, ["init", "--quiet", "--bare", gitDirectory], cancellation);
        }
        List<string> arguments = ["fetch", "--no-tags", "--no-write-fetch-head", "--quiet"];
        if (depth is { } value)
        {
            arguments.Add($"--depth={value.ToString(CultureInfo.InvariantCulture)}");
        }
        arguments.Add(url);
        arguments.AddRange(refspecs);
        await RunAsync("fetching", gitDirectory, arguments, cancellation);
    }

    private async Task<string> RunAsync(string operation, string? gitDirectory, IReadOnlyList<string> arguments, CancellationToken cancellation)
    {
        var secrets = Directory.CreateTempSubdirectory(SecretsDirectoryPrefix);
        try
        {
            List<string> command = gitDirectory is null ? [] : [$"--git-dir={gitDirectory}"];
            command.AddRange(arguments);
            var request = new ProcessRequest("git", command) { Environment = Configure(secrets.FullName) };
            var result = await ProcessRunner.RunAsync(request, cancellation);
            if (result.ExitCode != 0)
            {
                throw GitErrors.Classify(operation, displayUrl, result.StandardError, credentials);
            }
            return result.StandardOutput;
        }
        finally
        {
            secrets.Delete(recursive: true);
        }
    }

    private Dictionary<string, string?> Configure(string secrets)
    {
        // Tracing would print the authorization header into the error text.
        var environment = Environment.GetEnvironmentVariables().Keys.OfType<string>()
            .Where(key => key.StartsWith("GIT_TRACE", StringComparison.Ordinal))
            .ToDictionary(key => key, _ => (string?)null, StringComparer.Ordinal);
        environment["GIT_TERMINAL_PROMPT"] = "0";
        environment["GIT_CONFIG_NOSYSTEM"] = "1";
        environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        environment["GIT_ASKPASS"] = "/bin/false";
        environment["SSH_ASKPASS"] = "/bin/false";
        var config = new List<(string Key, string Value)>();
        if (credentials.BearerToken is { } token)
        {
            config.Add(("http.extraHeader", $"Authorization: Bearer {token}"));
        }
        else if (credentials.Username is { } username)
        {
            var pair = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{username}:{credentials.Password}"));
            config.Add(("http.extraHeader", $"Authorization: Basic {pair}"));
        }
        if (credentials.CaCertificate is { } ca)
        {
            environment["GIT_SSL_CAINFO"] = WritePrivate(secrets, "ca.crt", ca);
        }
        for (var i = 0; i < config.Count; i++)
        {
            environment[$"GIT_CONFIG_KEY_{i}"] = config[i].Key;
            environment[$"GIT_CONFIG_VALUE_{i}"] = config[i].Value;
        }
        environment["GIT_CONFIG_COUNT"] = config.Count.ToString(CultureInfo.InvariantCulture);
        if (credentials.Identity is { } identity)
        {
            var key = WritePrivate(secrets, "identity", identity.EndsWith('\n') ? identity : identity + "\n");
            var knownHosts = WritePrivate(secrets, "known_hosts", credentials.KnownHosts ?? "");
            environment["GIT_SSH_COMMAND"] =
                $"ssh -i '{key}' -o UserKnownHostsFile='{knownHosts}' -o StrictHostKeyChecking=yes -o IdentitiesOnly=yes " +
                "-o BatchMode=yes -o GlobalKnownHostsFile=/dev/null -o LogLevel=ERROR -F /dev/null";
        }
        return environment;
    }

    private static string WritePrivate(string directory, string name, string content)
    {
        var path = Path.Combine(directory, name);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var stream = new FileStream(path, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(content);
        }
        return path;
    }
}
