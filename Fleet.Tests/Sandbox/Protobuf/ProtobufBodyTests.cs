using System.Text;
using Fleet.Node.Sandbox.Protobuf;

namespace Fleet.Tests.Sandbox.Protobuf;

public class ProtobufBodyTests
{
    private static ProtoWriter Metadata(ProtoWriter m) => m
        .String(1, "web")
        .String(2, string.Empty)
        .String(3, "apps")
        .String(5, "0d3c-uid")
        .String(6, "42")
        .Varint(7, 3)
        .Message(8, t => t.Varint(1, 1_700_000_000))
        .MapEntry(11, "app", "web")
        .MapEntry(11, "tier", "front")
        .MapEntry(12, "note", "a=b")
        .Message(13, o => o.String(1, "ReplicaSet").String(3, "web-1").String(4, "rs-uid").String(5, "apps/v1").Varint(6, 1).Varint(7, 1))
        .String(14, "example.com/keep")
        .Message(17, f => f
            .String(1, "kubectl")
            .String(2, "Apply")
            .String(3, "v1")
            .Message(4, t => t.Varint(1, 1_700_000_100))
            .String(6, "FieldsV1")
            .Message(7, r => r.String(1, """{"f:data":{"f:a":{}}}""")));

    [Theory]
    [InlineData("application/vnd.kubernetes.protobuf", true)]
    [InlineData("application/vnd.kubernetes.protobuf; charset=utf-8", true)]
    [InlineData("Application/VND.Kubernetes.Protobuf", true)]
    [InlineData("application/vnd.kubernetes.protobuf;stream=watch", true)]
    [InlineData("application/json", false)]
    [InlineData("application/apply-patch+yaml", false)]
    [InlineData(null, false)]
    public void RecognisesTheProtobufContentType(string? contentType, bool expected) =>
        Assert.Equal(expected, ProtobufBody.IsProtobuf(contentType));

    [Fact]
    public void DecodesASecretWithFullObjectMeta()
    {
        var raw = new ProtoWriter()
            .Message(1, m => Metadata(m))
            .Message(2, e => e.String(1, "password").Bytes(2, [0x73, 0x33, 0xff]))
            .String(3, "Opaque")
            .MapEntry(4, "plain", "text")
            .Varint(5, 1)
            .ToArray();

        var json = ProtobufBody.Decode(ProtoWriter.Envelope("v1", "Secret", raw));

        Assert.Equal(
            """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"web","namespace":"apps","uid":"0d3c-uid","resourceVersion":"42","generation":3,"creationTimestamp":"2023-11-14T22:13:20Z","labels":{"app":"web","tier":"front"},"annotations":{"note":"a=b"},"ownerReferences":[{"kind":"ReplicaSet","name":"web-1","uid":"rs-uid","apiVersion":"apps/v1","controller":true,"blockOwnerDeletion":true}],"finalizers":["example.com/keep"],"managedFields":[{"manager":"kubectl","operation":"Apply","apiVersion":"v1","time":"2023-11-14T22:15:00Z","fieldsType":"FieldsV1","fieldsV1":{"f:data":{"f:a":{}}}}]},"data":{"password":"czP/"},"type":"Opaque","stringData":{"plain":"text"},"immutable":true}""",
            json.ToJsonString());
    }

    [Fact]
    public void DecodesAConfigMapWithBinaryData()
    {
        var raw = new ProtoWriter()
            .Message(1, m => m.String(1, "c").String(3, "t1"))
            .MapEntry(2, "a", "b")
            .MapEntry(2, "empty", string.Empty)
            .Message(3, e => e.String(1, "bin").Bytes(2, [1, 2, 3]))
            .ToArray();

        Assert.Equal(
            """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","namespace":"t1"},"data":{"a":"b","empty":""},"binaryData":{"bin":"AQID"}}""",
            ProtobufBody.Decode(ProtoWriter.Envelope("v1", "ConfigMap", raw)).ToJsonString());
    }

    [Fact]
    public void DecodesDeleteOptions()
    {
        var raw = new ProtoWriter()
            .Varint(1, 0)
            .Message(2, p => p.String(1, "uid-1").String(2, "7"))
            .String(4, "Foreground")
            .String(5, "All")
            .ToArray();

        Assert.Equal(
            """{"apiVersion":"v1","kind":"DeleteOptions","gracePeriodSeconds":0,"preconditions":{"uid":"uid-1","resourceVersion":"7"},"propagationPolicy":"Foreground","dryRun":["All"]}""",
            ProtobufBody.Decode(ProtoWriter.Envelope("v1", "DeleteOptions", raw)).ToJsonString());
    }

    [Fact]
    public void DecodesADeploymentKeepingAnExplicitZeroReplicasAndIntOrStrings()
    {
        var raw = new ProtoWriter()
            .Message(1, m => m.String(1, "web"))
            .Message(2, s => s
                .Varint(1, 0)
                .Message(2, sel => sel.MapEntry(1, "app", "web"))
                .Message(3, t => t
                    .Message(1, m => m.MapEntry(11, "app", "web"))
                    .Message(2, p => p
                        .Message(2, c => c
                            .String(1, "nginx")
                            .String(2, "nginx:1.27")
                            .Message(6, port => port.Varint(3, 80).String(4, "TCP"))
                            .Message(8, r => r.Message(1, l => l.String(1, "cpu").Message(2, q => q.String(1, "500m")))))))
                .Message(4, st => st.String(1, "RollingUpdate").Message(2, ru => ru
                    .Message(1, u => u.Varint(1, 1).String(3, "25%"))
                    .Message(2, u => u.Varint(1, 0).Varint(2, 2))))
                .Varint(5, 0))
            .Message(3, _ => { })
            .ToArray();

        Assert.Equal(
            """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicas":0,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"nginx","image":"nginx:1.27","ports":[{"containerPort":80,"protocol":"TCP"}],"resources":{"limits":{"cpu":"500m"}}}]}},"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":"25%","maxSurge":2}}},"status":{}}""",
            ProtobufBody.Decode(ProtoWriter.Envelope("apps/v1", "Deployment", raw)).ToJsonString());
    }

    [Fact]
    public void DecodesRbacObjects()
    {
        var binding = new ProtoWriter()
            .Message(1, m => m.String(1, "read"))
            .Message(2, s => s.String(1, "ServiceAccount").String(3, "flux").String(4, "flux-system"))
            .Message(3, r => r.String(1, "rbac.authorization.k8s.io").String(2, "ClusterRole").String(3, "view"))
            .ToArray();
        Assert.Equal(
            """{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRoleBinding","metadata":{"name":"read"},"subjects":[{"kind":"ServiceAccount","name":"flux","namespace":"flux-system"}],"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"view"}}""",
            ProtobufBody.Decode(ProtoWriter.Envelope("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", binding)).ToJsonString());

        var role = new ProtoWriter()
            .Message(1, m => m.String(1, "r").String(3, "ns"))
            .Message(2, p => p.String(1, "get").String(1, "list").String(2, string.Empty).String(3, "configmaps"))
            .ToArray();
        Assert.Equal(
            """{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"Role","metadata":{"name":"r","namespace":"ns"},"rules":[{"verbs":["get","list"],"apiGroups":[""],"resources":["configmaps"]}]}""",
            ProtobufBody.Decode(ProtoWriter.Envelope("rbac.authorization.k8s.io/v1", "Role", role)).ToJsonString());
    }

    [Fact]
    public void DecodesAServiceWithNamedTargetPort()
    {
        var raw = new ProtoWriter()
            .Message(1, m => m.String(1, "web"))
            .Message(2, s => s
                .Message(1, p => p.String(1, "http").String(2, "TCP").Varint(3, 80).Message(4, t => t.Varint(1, 1).String(3, "http")))
                .MapEntry(2, "app", "web")
                .String(4, "ClusterIP"))
            .ToArray();
        Assert.Equal(
            """{"apiVersion":"v1","kind":"Service","metadata":{"name":"web"},"spec":{"ports":[{"name":"http","protocol":"TCP","port":80,"targetPort":"http"}],"selector":{"app":"web"},"type":"ClusterIP"}}""",
            ProtobufBody.Decode(ProtoWriter.Envelope("v1", "Service", raw)).ToJsonString());
    }

    [Fact]
    public void SkipsUnknownFieldsOfEveryWireType()
    {
        var raw = new ProtoWriter()
            .Varint(99, 5)
            .Raw([0xa1, 0x06, 1, 2, 3, 4, 5, 6, 7, 8])
            .Raw([0xad, 0x06, 1, 2, 3, 4])
            .String(102, "ignored")
            .Message(1, m => m.String(1, "n").Varint(50, 1))
            .ToArray();
        Assert.Equal(
            """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"n"}}""",
            ProtobufBody.Decode(ProtoWriter.Envelope("v1", "Namespace", raw)).ToJsonString());
    }

    [Theory]
    [InlineData(new byte[] { 0x7b, 0x7d }, "protobuf: the body does not start with the Kubernetes magic bytes \"k8s\\x00\"")]
    [InlineData(new byte[] { 0x6b, 0x38, 0x73, 0x00, 0x12, 0x05, 0x01 }, "protobuf: length 5 exceeds the 1 remaining bytes")]
    [InlineData(new byte[] { 0x6b, 0x38, 0x73, 0x00, 0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01 }, "protobuf: varint longer than 10 bytes")]
    [InlineData(new byte[] { 0x6b, 0x38, 0x73, 0x00, 0x08, 0xff }, "protobuf: truncated varint")]
    [InlineData(new byte[] { 0x6b, 0x38, 0x73, 0x00, 0x0b }, "protobuf: unsupported wire type 3")]
    [InlineData(new byte[] { 0x6b, 0x38, 0x73, 0x00, 0x00 }, "protobuf: invalid field number 0")]
    public void RejectsMalformedBodiesWithAClearMessage(byte[] body, string message) =>
        Assert.Equal(message, Assert.Throws<FormatException>(() => ProtobufBody.Decode(body)).Message);

    [Fact]
    public void RejectsUnsupportedKindsAndEncodings()
    {
        var raw = new ProtoWriter().Message(1, m => m.String(1, "x")).ToArray();
        Assert.Equal(
            "protobuf: decoding Ingress of networking.k8s.io/v1 is not supported; send JSON",
            Assert.Throws<FormatException>(() => ProtobufBody.Decode(ProtoWriter.Envelope("networking.k8s.io/v1", "Ingress", raw))).Message);
        Assert.Equal(
            "protobuf: content encoding \"gzip\" is not supported",
            Assert.Throws<FormatException>(() => ProtobufBody.Decode(ProtoWriter.Envelope("v1", "Secret", raw, "gzip"))).Message);
    }

    [Fact]
    public void RejectsAWrongWireTypeForAKnownField()
    {
        var raw = new ProtoWriter().Message(1, m => m.Varint(1, 7)).ToArray();
        Assert.Equal(
            "protobuf: field \"name\" has wire type 0, expected 2",
            Assert.Throws<FormatException>(() => ProtobufBody.Decode(ProtoWriter.Envelope("v1", "Secret", raw))).Message);
    }

    [Fact]
    public void RejectsInvalidEmbeddedJson()
    {
        var raw = new ProtoWriter().Message(1, m => m.Message(17, f => f.Message(7, r => r.Bytes(1, Encoding.UTF8.GetBytes("{nope"))))).ToArray();
        Assert.StartsWith(
            "protobuf: an embedded JSON field is not valid JSON",
            Assert.Throws<FormatException>(() => ProtobufBody.Decode(ProtoWriter.Envelope("v1", "Secret", raw))).Message);
    }

    [Fact]
    public void SurvivesRandomGarbageWithoutCrashing()
    {
        var random = new Random(1234);
        for (var i = 0; i < 2000; i++)
        {
            var body = new byte[4 + random.Next(0, 64)];
            random.NextBytes(body);
            "k8s\0"u8.CopyTo(body);
            try
            {
                ProtobufBody.Decode(body);
            }
            catch (FormatException)
            {
            }
        }
    }
}
