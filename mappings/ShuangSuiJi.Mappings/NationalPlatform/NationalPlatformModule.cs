using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ShuangSuiJi.Adapters.NationalPlatform;
using ShuangSuiJi.Exchange;
using ShuangSuiJi.Exchange.Events;

namespace ShuangSuiJi.Mappings.NationalPlatform;

/// <summary>ZJ: results go up in RESULT batches, tickets polled to the end.</summary>
public sealed class NationalPlatformModule : IPartnerModule
{
    public string Partner => ZjClient.Partner;

    public string ConfigurationSection => ZjOptions.SectionName;

    public void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.AddNationalPlatformAdapter(configuration);
        services.AddSingleton<NationalPlatformPartner>();
        services.AddSingleton<IResultBatchSink>(sp => sp.GetRequiredService<NationalPlatformPartner>());
        services.AddSingleton<IEventDeliveryProvider, NationalPlatformDeliveries>();
    }
}

/// <summary>ZJ's deliveries beyond results: drawn tasks as TASK batches.</summary>
internal sealed class NationalPlatformDeliveries(NationalPlatformPartner partner) : IEventDeliveryProvider
{
    public IEnumerable<IEventDelivery> Deliveries => [new TaskBatchDelivery(partner)];

    private sealed class TaskBatchDelivery(NationalPlatformPartner partner) : IEventDelivery
    {
        public string Partner => ZjClient.Partner;

        public string EventType => HubEventTypes.TaskDrawn;

        public int BatchSize => ZjClient.MaxRecords;

        public async Task<IReadOnlyList<DeliveryOutcome>> DeliverAsync(IReadOnlyList<OutboundEvent> events, string batchKey, CancellationToken cancellationToken)
        {
            var refusals = await partner.ReportTasksAsync([.. events.Select(e => EventJson.Deserialize<TaskDrawn>(e.Payload))], batchKey, cancellationToken);
            return [.. refusals.Select(r => r is null ? DeliveryOutcome.Taken(batchKey) : DeliveryOutcome.Refused(r))];
        }
    }
}
