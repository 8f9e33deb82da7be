namespace Fleet.Actors.Notification.Receivers;

/// <summary>
/// A token bucket on the injected clock that bounds the webhook calls one node serves: up to <c>burst</c> at once, then
/// <c>perSecond</c>. A call over it is answered 429 before any work, so a flood costs the node next to nothing.
/// </summary>
public sealed class WebhookRateLimiter(TimeProvider clock, int burst = WebhookRateLimiter.DefaultBurst, double perSecond = WebhookRateLimiter.DefaultPerSecond)
{
    public const int DefaultBurst = 100;
    public const double DefaultPerSecond = 50;

    private readonly Lock _lock = new();
    private double _tokens = burst;
    private long _lastRefill = clock.GetTimestamp();

    public bool TryAcquire()
    {
        lock (_lock)
        {
            var now = clock.GetTimestamp();
            _tokens = Math.Min(burst, _tokens + clock.GetElapsedTime(_lastRefill, now).TotalSeconds * perSecond);
            _lastRefill = now;
            if (_tokens < 1)
            {
                return false;
            }
            _tokens--;
            return true;
        }
    }
}
