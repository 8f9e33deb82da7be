using System.CommandLine;
using Fleet.Actors.Oci;

namespace Fleet.Node.Commands.Push;

/// <summary>
/// <c>fleet push artifact</c>: publishes a directory to an OCI registry in the format `flux push artifact` writes, so that
/// an OCIRepository (Fleet's or Flux's) consumes it. The login comes from <c>--creds</c>, else the Docker config file.
/// </summary>
public static class PushCommands
{
    public static Command Create()
    {
        var url = new Argument<string>("url") { Description = "Where to push, as oci://<registry>/<repository>:<tag>" };
        var path = new Option<string>("--path") { Description = "The directory (or single file's directory) to publish", Required = true };
        var source = new Option<string>("--source") { Description = "The source address, recorded as org.opencontainers.image.source", Required = true };
        var revision = new Option<string>("--revision") { Description = "The source revision, recorded as org.opencontainers.image.revision", Required = true };
        var creds = new Option<string?>("--creds") { Description = "Registry login as <username>:<password> [default: the Docker config file]" };
        var insecure = new Option<bool>("--insecure-registry") { Description = "Use plain HTTP" };
        var artifact = new Command("artifact", "Push a directory as an OCI artifact in Flux's format") { url, path, source, revision, creds, insecure };
        artifact.SetAction(async (parse, cancellation) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            try
            {
                var target = Target(parse.GetValue(url)!);
                var connection = RegistryConnection.Anonymous with
                {
                    Insecure = parse.GetValue(insecure),
                    Credentials = Login(parse.GetValue(creds), target.Registry),
                };
                await output.WriteLineAsync($"► pushing artifact to {target}");
                using var client = new OciClient(target.Registry, connection);
                var push = new FluxArtifactPush(target, parse.GetValue(path)!, parse.GetValue(source)!, parse.GetValue(revision)!, DateTimeOffset.UtcNow);
                var digest = await FluxArtifactPublisher.PushAsync(client, push, cancellation);
                await output.WriteLineAsync($"✔ artifact successfully pushed to {target.Name}@{digest}");
                return 0;
            }
            catch (OciException e)
            {
                await error.WriteLineAsync($"✗ {e.Message}");
                return 1;
            }
        });
        return new Command("push", "Push artifacts to OCI registries") { artifact };
    }

    private static OciReference Target(string url)
    {
        const string scheme = "oci://";
        if (!url.StartsWith(scheme, StringComparison.Ordinal))
        {
            throw new OciException(OciErrorKind.BadInput, "URL must be in format 'oci://<domain>/<org>/<repo>:<tag>'");
        }
        var target = OciReference.Parse(url[scheme.Length..]);
        return target.Tag is null && target.Digest is null ? target.WithTag("latest") : target;
    }

    private static RegistryCredentials? Login(string? creds, string registry)
    {
        if (creds is { Length: > 0 })
        {
            var colon = creds.IndexOf(':', StringComparison.Ordinal);
            return colon < 0
                ? throw new OciException(OciErrorKind.BadInput, "--creds must be <username>:<password>")
                : new RegistryCredentials(creds[..colon], creds[(colon + 1)..]);
        }
        var directory = Environment.GetEnvironmentVariable("DOCKER_CONFIG") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".docker");
        var file = Path.Combine(directory, "config.json");
        return File.Exists(file) ? DockerConfig.For(File.ReadAllText(file), registry) : null;
    }
}
