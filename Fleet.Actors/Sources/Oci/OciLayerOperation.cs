namespace Fleet.Actors.Sources.Oci;

/// <summary>`layerSelector.operation`: unpack the layer into the artifact (default) or store it as it is.</summary>
public static class OciLayerOperation
{
    public const string Extract = "extract";
    public const string Copy = "copy";
}
