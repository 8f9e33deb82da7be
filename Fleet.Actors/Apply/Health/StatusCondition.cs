namespace Fleet.Actors.Apply.Health;

/// <summary>One entry of `status.conditions`, the four fields kstatus reads.</summary>
internal sealed record StatusCondition(string Type, string Status, string Reason, string Message)
{
    public bool Is(string type, string status) => Type == type && Status == status;
}
