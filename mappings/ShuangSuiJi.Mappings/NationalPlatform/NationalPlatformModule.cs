using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ShuangSuiJi.Adapters.NationalPlatform;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Exchange;
using ShuangSuiJi.Exchange.Events;

namespace ShuangSuiJi.Mappings.NationalPlatform;

/// <summary>
/// ZJ: results, drawn tasks and approved plans go up as RESULT, TASK and PLAN batches answered with tickets, which the
/// hub's batch ticket poll (<c>ZJ/batch-tickets</c>) follows to the end; national and cross-province tasks come down by
/// cursor paging (<see cref="NationalPlatformTaskSource"/>).
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
        services.AddSingleton<IBatchTicketPoller>(sp => sp.GetRequiredService<NationalPlatformPartner>());
        services.AddSingleton<IEventDeliveryProvider, NationalPlatformDeliveries>();
        services.AddSingleton<IRecordSource<InspectionTask>, NationalPlatformTaskSource>();
    }
}

/// <summary>ZJ's deliveries beyond results: drawn tasks as TASK batches, approved plans as PLAN batches.</summary>
internal sealed class NationalPlatformDeliveries(NationalPlatformPartner partner) : IEventDeliveryProvider
{
    public IEnumerable<IEventDelivery> Deliveries =>
    [
        new EventBatchDelivery<TaskDrawn>(ZjClient.Partner, HubEventTypes.TaskDrawn, ZjClient.MaxRecords, partner.ReportTasksAsync),
        new EventBatchDelivery<PlanApproved>(ZjClient.Partner, HubEventTypes.PlanApproved, ZjClient.MaxRecords, partner.ReportPlansAsync),
    ];
}
