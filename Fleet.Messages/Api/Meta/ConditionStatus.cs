namespace Fleet.Messages.Api.Meta;

/// <summary>The three values of a condition's status.</summary>
public static class ConditionStatus
{
    public const string True = "True";
    public const string False = "False";
    public const string Unknown = "Unknown";
}
