using System.CommandLine;
using Fleet.Actors.Oci;
using Fleet.Node.Commands.Push;

namespace Fleet.Tests.Oci;

/// <summary>`fleet push artifact` publishes a directory in Flux's artifact format, with the login from --creds.</summary>
public sealed class PushArtifactCommandTests
{
    [Fact]
    public async Task A_directory_is_pushed_with_Flux_media_types_and_annotations_and_a_refused_login_exits_1()
    {
        await using var registry = await RegistryServer.StartAsync(login: ("pusher", "Push-s3cret"));
        var directory = Directory.CreateTempSubdirectory("fleet-push-test-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(directory.FullName, "app.yaml"), "kind: ConfigMap\n");
            string[] args = ["push", "artifact", $"oci://{registry.Host}/apps/pushed:v2", "--path", directory.FullName, "--source", "https://example.com/app",
                "--revision", "main@sha1:abc", "--insecure-registry"];

            var (pushed, output, _) = await RunAsync([.. args, "--creds", "pusher:Push-s3cret"]);
            var (refused, _, error) = await RunAsync([.. args, "--creds", "pusher:wrong"]);

            Assert.Equal(0, pushed);
            Assert.Contains($"✔ artifact successfully pushed to {registry.Host}/apps/pushed@sha256:", output, StringComparison.Ordinal);
            using var client = new OciClient(registry.Host, RegistryConnection.Anonymous with { Insecure = true, Credentials = new RegistryCredentials("pusher", "Push-s3cret") });
            var manifest = (await client.GetManifestAsync("apps/pushed", "v2", CancellationToken.None)).Manifest;
            Assert.Equal(OciMediaTypes.FluxConfig, manifest.Config!.MediaType);
            Assert.Equal(OciMediaTypes.FluxContent, Assert.Single(manifest.Layers!).MediaType);
            Assert.Equal("main@sha1:abc", manifest.Annotations![OciAnnotations.Revision]);
            Assert.Equal("https://example.com/app", manifest.Annotations[OciAnnotations.Source]);
            Assert.Equal(1, refused);
            Assert.Contains("UNAUTHORIZED", error, StringComparison.Ordinal);
            Assert.DoesNotContain("wrong", error, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string[] args)
    {
        var root = new RootCommand { PushCommands.Create() };
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }
}
