using System.Text;

namespace Fleet.Tests.Sandbox.Protobuf;

/// <summary>A minimal protobuf writer for building request bodies in tests.</summary>
internal sealed class ProtoWriter
{
    private readonly MemoryStream _buffer = new();

    public static byte[] Envelope(string apiVersion, string kind, byte[] raw, string contentEncoding = "")
    {
        var unknown = new ProtoWriter()
            .Message(1, m => m.String(1, apiVersion).String(2, kind))
            .Bytes(2, raw)
            .String(3, contentEncoding)
            .String(4, string.Empty);
        return [.. "k8s\0"u8.ToArray(), .. unknown.ToArray()];
    }

    public ProtoWriter Varint(int field, long value)
    {
        Tag(field, 0);
        WriteVarint((ulong)value);
        return this;
    }

    public ProtoWriter String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    public ProtoWriter Bytes(int field, byte[] value)
    {
        Tag(field, 2);
        WriteVarint((ulong)value.Length);
        _buffer.Write(value);
        return this;
    }

    public ProtoWriter Message(int field, Action<ProtoWriter> build)
    {
        var inner = new ProtoWriter();
        build(inner);
        return Bytes(field, inner.ToArray());
    }

    public ProtoWriter MapEntry(int field, string key, string value) => Message(field, e => e.String(1, key).String(2, value));

    public ProtoWriter Raw(byte[] bytes)
    {
        _buffer.Write(bytes);
        return this;
    }

    public byte[] ToArray() => _buffer.ToArray();

    private void Tag(int field, int wireType) => WriteVarint((ulong)((field << 3) | wireType));

    private void WriteVarint(ulong value)
    {
        while (value >= 0x80)
        {
            _buffer.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        _buffer.WriteByte((byte)value);
    }
}
