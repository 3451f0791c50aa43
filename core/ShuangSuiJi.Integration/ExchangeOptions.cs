using System.ComponentModel.DataAnnotations;

namespace ShuangSuiJi.Integration;

/// <summary>The running exchanges: routes, record-of-truth, schedules, delivery and outbox pacing. Section <c>Exchange</c>.</summary>
public sealed class ExchangeOptions
{
    public const string SectionName = "Exchange";

    /// <summary>Run the outbox dispatcher, the delivery worker and the scheduled pulls. <value>Default <see langword="true"/>.</value></summary>
    public bool Enabled { get; set; } = true;

    /// <summary>This hub's name in leases and logs; several hubs may share a store. <value>Default: host name and process id.</value></summary>
    public string? InstanceName { get; set; }

    /// <summary>Routes by name: which event goes to which partner, on which condition.</summary>
    public Dictionary<string, RouteOptions> Routes { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Canonical kind → the partner whose pulls write the hub's record (the others' copies are kept for reconciliation).
    /// A kind not listed is written by every partner that supplies it.
    /// </summary>
    public Dictionary<string, string> RecordOfTruth { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Recurring job (a pull resource <c>PARTNER/resource</c>, a batch ticket poll <c>PARTNER/batch-tickets</c>,
    /// <c>warning-lights</c>) → cron expression (China time); <c>off</c> disables it.
    /// </summary>
    public Dictionary<string, string> Schedules { get; set; } = new(StringComparer.Ordinal);

    public DeliverySettings Delivery { get; set; } = new();

    public OutboxSettings Outbox { get; set; } = new();

    public TicketSettings Tickets { get; set; } = new();

    /// <summary>Records per store transaction while pulling. <value>Default 500.</value></summary>
    [Range(1, 100_000, ErrorMessage = "Exchange:PullChunkSize must be between 1 and 100,000.")]
    public int PullChunkSize { get; set; } = 500;

    /// <summary>How far back a pull re-reads past its watermark, against clocks that differ between systems. <value>Default 120 s.</value></summary>
    [Range(0, 86_400, ErrorMessage = "Exchange:WatermarkOverlapSeconds must be between 0 and 86,400.")]
    public int WatermarkOverlapSeconds { get; set; } = 120;

    /// <summary>The effective instance name.</summary>
    public string Instance => string.IsNullOrWhiteSpace(InstanceName) ? $"{Environment.MachineName}:{Environment.ProcessId}" : InstanceName;
}

/// <summary>One route, like an integration engine's channel.</summary>
public sealed class RouteOptions
{
    /// <summary>The event type, for example <c>result.recorded</c>.</summary>
    public string Event { get; set; } = "";

    /// <summary>The partner's name as its adapter reports it.</summary>
    public string Partner { get; set; } = "";

    /// <summary>An optional condition on the event body: <c>path in a,b</c>, <c>path not in a,b</c>, <c>path = a</c>, <c>path != a</c>.</summary>
    public string? When { get; set; }

    public bool Enabled { get; set; } = true;
}

/// <summary>Delivery retries. Section <c>Exchange:Delivery</c>.</summary>
public sealed class DeliverySettings
{
    /// <summary>Attempts before a delivery is dead-lettered. <value>Default 6.</value></summary>
    [Range(1, 100, ErrorMessage = "Exchange:Delivery:MaxAttempts must be between 1 and 100.")]
    public int MaxAttempts { get; set; } = 6;

    /// <summary>First retry delay; doubles each attempt. <value>Default 2 s.</value></summary>
    [Range(0.01, 3600, ErrorMessage = "Exchange:Delivery:BaseDelaySeconds must be between 0.01 and 3600.")]
    public double BaseDelaySeconds { get; set; } = 2;

    /// <summary>Longest retry delay. <value>Default 300 s.</value></summary>
    [Range(0.01, 86_400, ErrorMessage = "Exchange:Delivery:MaxDelaySeconds must be between 0.01 and 86,400.")]
    public double MaxDelaySeconds { get; set; } = 300;

    /// <summary>How often the worker looks for due deliveries when not woken. <value>Default 1 s.</value></summary>
    [Range(0.01, 600, ErrorMessage = "Exchange:Delivery:PollSeconds must be between 0.01 and 600.")]
    public double PollSeconds { get; set; } = 1;

    /// <summary>How long a claimed delivery stays this hub's before another may take it over. <value>Default 300 s.</value></summary>
    [Range(1, 86_400, ErrorMessage = "Exchange:Delivery:LeaseSeconds must be between 1 and 86,400.")]
    public int LeaseSeconds { get; set; } = 300;

    /// <summary>Partner calls in flight at once (batch partners still get one batch at a time per route). <value>Default 8.</value></summary>
    [Range(1, 256, ErrorMessage = "Exchange:Delivery:Parallelism must be between 1 and 256.")]
    public int Parallelism { get; set; } = 8;

    /// <summary>Calls whose outcomes are written to the store together. <value>Default 50.</value></summary>
    [Range(1, 10_000, ErrorMessage = "Exchange:Delivery:FlushSize must be between 1 and 10,000.")]
    public int FlushSize { get; set; } = 50;

    /// <summary>Deliveries claimed per round. <value>Default 2,000.</value></summary>
    [Range(1, 100_000, ErrorMessage = "Exchange:Delivery:ClaimSize must be between 1 and 100,000.")]
    public int ClaimSize { get; set; } = 2_000;
}

/// <summary>Outbox dispatch. Section <c>Exchange:Outbox</c>.</summary>
public sealed class OutboxSettings
{
    /// <summary>How often the dispatcher looks when not woken. <value>Default 0.5 s.</value></summary>
    [Range(0.01, 600, ErrorMessage = "Exchange:Outbox:PollSeconds must be between 0.01 and 600.")]
    public double PollSeconds { get; set; } = 0.5;

    /// <summary>Messages per round. <value>Default 1,000.</value></summary>
    [Range(1, 100_000, ErrorMessage = "Exchange:Outbox:BatchSize must be between 1 and 100,000.")]
    public int BatchSize { get; set; } = 1_000;

    /// <summary>Lease on claimed messages. <value>Default 60 s.</value></summary>
    [Range(1, 86_400, ErrorMessage = "Exchange:Outbox:LeaseSeconds must be between 1 and 86,400.")]
    public int LeaseSeconds { get; set; } = 60;
}

/// <summary>Polling the tickets partners give for batches they process later. Section <c>Exchange:Tickets</c>.</summary>
public sealed class TicketSettings
{
    /// <summary>
    /// Minutes after submission a ticket may stay unfinished; then it is no longer polled, a warning is logged and its
    /// deliveries are dead-lettered for an operator. <value>Default 360 (6 h).</value>
    /// </summary>
    [Range(1, 525_600, ErrorMessage = "Exchange:Tickets:StuckAfterMinutes must be between 1 and 525,600.")]
    public int StuckAfterMinutes { get; set; } = 360;

    /// <summary>Tickets polled per run of a partner's poll, least recently polled first. <value>Default 200.</value></summary>
    [Range(1, 100_000, ErrorMessage = "Exchange:Tickets:PerRun must be between 1 and 100,000.")]
    public int PerRun { get; set; } = 200;
}
