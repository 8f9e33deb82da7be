namespace Fleet.Actors.Notification.Receivers.Verification;

/// <summary>One HTTP call to a Receiver's webhook path, as the verifiers read it: its headers and its whole body.</summary>
public sealed record WebhookCall(IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    /// <summary>The header's value, or null when the call does not send it (names are case-insensitive, as in HTTP).</summary>
    public string? Header(string name) =>
        Headers.TryGetValue(name, out var value) ? value : Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}
