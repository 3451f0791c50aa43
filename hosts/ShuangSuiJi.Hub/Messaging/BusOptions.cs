namespace ShuangSuiJi.Hub.Messaging;

/// <summary>The message bus. Section <c>Bus</c>.</summary>
public sealed class BusOptions
{
    public const string SectionName = "Bus";

    /// <summary><value>Default <see cref="BusTransport.InMemory"/>.</value></summary>
    public BusTransport Transport { get; set; } = BusTransport.InMemory;

    /// <summary>RabbitMQ address, <c>amqp://user:password@host:port/vhost</c>; required for <see cref="BusTransport.RabbitMq"/>.</summary>
    public string? RabbitMqUri { get; set; }
}
