namespace ShuangSuiJi.Integration;

/// <summary>Wakes a polling worker early; several pokes while it works collapse into one wake-up.</summary>
public sealed class Signal
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);

    public void Notify()
    {
        try
        {
            _semaphore.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled.
        }
    }

    /// <summary>Waits for a poke or the timeout, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => await _semaphore.WaitAsync(timeout, cancellationToken);
}

/// <summary>Pokes the outbox dispatcher after a commit that raised events.</summary>
public sealed class OutboxSignal
{
    public Signal Signal { get; } = new();
}

/// <summary>Pokes the delivery worker after new deliveries or a resubmit.</summary>
public sealed class DeliverySignal
{
    public Signal Signal { get; } = new();
}
