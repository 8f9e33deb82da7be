using System.Diagnostics;
using Fleet.Node.Sandbox.Protobuf;

namespace Fleet.Tests.Sandbox.Protobuf;

/// <summary>Decodes the protobuf bodies the machine's kubectl really sends for <c>kubectl create</c>.</summary>
public sealed class KubectlProtobufBodyTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fleet-kubectl-pb-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task DecodesTheBodiesOfKubectlCreate()
    {
        await using var recorder = new KubectlBodyRecorder();

        await Kubectl(recorder.Port, "create", "namespace", "t1");
        await Kubectl(recorder.Port, "create", "configmap", "c", "--from-literal=a=b", "-n", "t1");
        await Kubectl(recorder.Port, "create", "secret", "generic", "s", "--from-literal=k=v");

        Assert.Equal(3, recorder.Posts.Count);
        Assert.All(recorder.Posts, p => Assert.True(ProtobufBody.IsProtobuf(p.ContentType), p.ContentType));
        Assert.Equal(["/api/v1/namespaces", "/api/v1/namespaces/t1/configmaps", "/api/v1/namespaces/default/secrets"], recorder.Posts.Select(p => p.Path));

        Assert.Equal(
            """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"t1"},"spec":{},"status":{}}""",
            ProtobufBody.Decode(recorder.Posts[0].Body).ToJsonString());
        Assert.Equal(
            """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","namespace":"t1"},"data":{"a":"b"}}""",
            ProtobufBody.Decode(recorder.Posts[1].Body).ToJsonString());
        Assert.Equal(
            """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"s"},"data":{"k":"dg=="}}""",
            ProtobufBody.Decode(recorder.Posts[2].Body).ToJsonString());
    }

    private async Task Kubectl(int port, params string[] args)
    {
        var kubeconfig = Path.Combine(_dir, "config");
        await File.WriteAllTextAsync(kubeconfig, $$"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: c
              cluster:
                server: http://127.0.0.1:{{port}}
            contexts:
            - name: c
              context:
                cluster: c
                user: u
            current-context: c
            users:
            - name: u
              user: {}
            """);
        var start = new ProcessStartInfo("/usr/bin/kubectl") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args.Append("--validate=false"))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["KUBECONFIG"] = kubeconfig;
        start.Environment["KUBECACHEDIR"] = Path.Combine(_dir, "cache");
        start.Environment["HOME"] = _dir;
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        Assert.True(process.ExitCode == 0, $"kubectl {string.Join(' ', args)} failed: {await stdout}{await stderr}");
    }
}
