namespace Fleet.Node.Sandbox.Protobuf;

/// <summary>The value types of the Kubernetes protobuf schema, with the special messages that have their own JSON form.</summary>
internal enum ProtoFieldType
{
    String,
    Bytes,
    Int32,
    Int64,
    Bool,
    Message,
    Time,
    MicroTime,
    IntOrString,
    Quantity,
    FieldsV1,
    RawExtension,
}
