using MassTransit;
using Microsoft.Extensions.Options;
using ShuangSuiJi.Integration;

namespace ShuangSuiJi.Hub.Messaging;

internal static class ServiceCollectionExtensions
{
    /// <summary>
    /// The bus: MassTransit over the in-memory transport by default, RabbitMQ by configuration. MassTransit adds
    /// its own health check tagged <c>ready</c>, so <c>/health/ready</c> covers the bus.
    /// </summary>
    public static IServiceCollection AddHubBus(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BusOptions>()
            .Bind(configuration.GetSection(BusOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<BusOptions>, ValidateBusOptions>();

        // Read directly: the transport must be chosen while registering, before options can be resolved.
        var options = configuration.GetSection(BusOptions.SectionName).Get<BusOptions>() ?? new BusOptions();
        services.AddMassTransit(bus =>
        {
            bus.SetKebabCaseEndpointNameFormatter();
            bus.AddExchangeConsumers();
            if (options.Transport == BusTransport.RabbitMq && Uri.TryCreate(options.RabbitMqUri, UriKind.Absolute, out var uri))
            {
                bus.UsingRabbitMq((context, cfg) =>
                {
                    cfg.Host(uri);
                    cfg.ConfigureEndpoints(context);
                });
            }
            else
            {
                bus.UsingInMemory((context, cfg) => cfg.ConfigureEndpoints(context));
            }
        });
        return services;
    }
}
