namespace ShuangSuiJi.Hub.Messaging;

/// <summary>Which MassTransit transport carries the hub's events.</summary>
public enum BusTransport
{
    /// <summary>In-process: the embedded default, one hub instance.</summary>
    InMemory,
    /// <summary>RabbitMQ: several hub instances share the work.</summary>
    RabbitMq,
}
