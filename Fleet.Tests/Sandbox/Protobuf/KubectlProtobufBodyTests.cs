using Fleet.Actors.Processes;
using System.Text.Json.Nodes;
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

    [Theory]
    [InlineData("create", "deployment", "web", "--image=nginx:1.27", "--replicas=0", "--port=80")]
    [InlineData("create", "serviceaccount", "robot", "-n", "t1")]
    [InlineData("create", "service", "clusterip", "web", "--tcp=80:8080")]
    [InlineData("create", "job", "once", "--image=busybox", "--", "echo", "hi")]
    [InlineData("create", "cronjob", "tick", "--image=busybox", "--schedule=*/5 * * * *")]
    [InlineData("create", "role", "reader", "--verb=get,list", "--resource=configmaps,secrets")]
    [InlineData("create", "rolebinding", "read", "--role=reader", "--serviceaccount=t1:robot", "--user=alice")]
    [InlineData("create", "clusterrole", "viewer", "--verb=get", "--resource=namespaces", "--resource-name=n1")]
    [InlineData("create", "clusterrolebinding", "view", "--clusterrole=viewer", "--group=devs")]
    [InlineData("create", "secret", "generic", "tls-like", "--from-literal=tls.crt=abc", "--type=kubernetes.io/tls")]
    public async Task DecodesWhatKubectlWouldSendAsJson(params string[] args)
    {
        await using var recorder = new KubectlBodyRecorder();

        var separator = Array.IndexOf(args, "--") is >= 0 and var at ? at : args.Length;
        var expected = JsonNode.Parse(await Kubectl(recorder.Port, [.. args[..separator], "--dry-run=client", "-o", "json", .. args[separator..]]))!;
        await Kubectl(recorder.Port, args);

        var post = Assert.Single(recorder.Posts);
        Assert.True(ProtobufBody.IsProtobuf(post.ContentType), post.ContentType);
        var decoded = ProtobufBody.Decode(post.Body);
        RemoveNulls(expected);
        Assert.True(JsonNode.DeepEquals(expected, decoded), $"expected {expected.ToJsonString()}\nactual   {decoded.ToJsonString()}");
    }

    private static void RemoveNulls(JsonNode? node)
    {
        if (node is JsonObject obj)
        {
            foreach (var key in obj.Where(p => p.Value is null).Select(p => p.Key).ToList())
            {
                obj.Remove(key);
            }

            foreach (var (_, child) in obj)
            {
                RemoveNulls(child);
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var item in array)
            {
                RemoveNulls(item);
            }
        }
    }

    private async Task<string> Kubectl(int port, params string[] args)
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
        var request = new ProcessRequest("/usr/bin/kubectl", ["--validate=false", .. args])
        {
            Environment = new Dictionary<string, string?>
            {
                ["KUBECONFIG"] = kubeconfig,
                ["KUBECACHEDIR"] = Path.Combine(_dir, "cache"),
                ["HOME"] = _dir,
            },
            Timeout = TimeSpan.FromSeconds(30),
        };
        var result = await ProcessRunner.RunAsync(request, CancellationToken.None);

        Assert.True(result.ExitCode == 0, $"kubectl {string.Join(' ', args)} failed: {result.StandardOutput}{result.StandardError}");
        return result.StandardOutput;
    }
}
