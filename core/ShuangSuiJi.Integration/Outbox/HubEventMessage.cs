namespace ShuangSuiJi.Integration.Outbox;

/// <summary>The bus message an outbox entry becomes: one canonical change event.</summary>
public sealed record HubEventMessage(Guid EventId, string Type, string Subject, string Payload, DateTimeOffset OccurredAt);
