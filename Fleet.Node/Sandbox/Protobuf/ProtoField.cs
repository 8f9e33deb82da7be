namespace Fleet.Node.Sandbox.Protobuf;

/// <summary>One field of a message: JSON name, value type, and whether it repeats or is a string-keyed map.</summary>
internal sealed record ProtoField(string Name, ProtoFieldType Type, string? MessageName, bool Repeated, bool IsMap, bool KeepZero);
