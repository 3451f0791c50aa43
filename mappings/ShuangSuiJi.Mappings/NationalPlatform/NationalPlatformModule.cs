using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ShuangSuiJi.Adapters.NationalPlatform;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Exchange;
using ShuangSuiJi.Exchange.Events;

namespace ShuangSuiJi.Mappings.NationalPlatform;

/// <summary>
/// ZJ: results go up in RESULT batches, tickets polled to the end (drawn tasks and approved plans likewise); national
/// and cross-province tasks come down by cursor paging (<see cref="NationalPlatformTaskSource"/>).
/// </summary>
public sealed class NationalPlatformModule : IPartnerModule
{
    public string Partner => ZjClient.Partner;

    public string ConfigurationSection => ZjOptions.SectionName;

    public IReadOnlyList<string> SecretKeys => ["Secret"];

    public void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.AddNationalPlatformAdapter(configuration);
        services.AddSingleton<NationalPlatformPartner>();
        services.AddSingleton<IResultBatchSink>(sp => sp.GetRequiredService<NationalPlatformPartner>());
        services.AddSingleton<IEventDeliveryProvider, NationalPlatformDeliveries>();
        services.AddSingleton<IRecordSource<InspectionTask>, NationalPlatformTaskSource>();
    }
}

/// <summary>ZJ's deliveries beyond results: drawn tasks as TASK batches, approved plans as PLAN batches.</summary>
internal sealed class NationalPlatformDeliveries(NationalPlatformPartner partner) : IEventDeliveryProvider
{
    public IEnumerable<IEventDelivery> Deliveries =>
    [
        new BatchDelivery(HubEventTypes.TaskDrawn, (events, key, ct) => partner.ReportTasksAsync([.. events.Select(e => EventJson.Deserialize<TaskDrawn>(e.Payload))], key, ct)),
        new BatchDelivery(HubEventTypes.PlanApproved, (events, key, ct) => partner.ReportPlansAsync([.. events.Select(e => EventJson.Deserialize<PlanApproved>(e.Payload))], key, ct)),
    ];

    private sealed class BatchDelivery(string eventType, Func<IReadOnlyList<OutboundEvent>, string, CancellationToken, Task<IReadOnlyList<string?>>> report) : IEventDelivery
    {
        public string Partner => ZjClient.Partner;

        public string EventType => eventType;

        public int BatchSize => ZjClient.MaxRecords;

        public async Task<IReadOnlyList<DeliveryOutcome>> DeliverAsync(IReadOnlyList<OutboundEvent> events, string batchKey, CancellationToken cancellationToken)
        {
            var refusals = await report(events, batchKey, cancellationToken);
            return [.. refusals.Select(r => r is null ? DeliveryOutcome.Taken(batchKey) : DeliveryOutcome.Refused(r))];
        }
    }
}
