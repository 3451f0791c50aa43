using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ShuangSuiJi.Adapters.Supervision;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Exchange;
using ShuangSuiJi.Exchange.Events;

namespace ShuangSuiJi.Mappings.Supervision;

/// <summary>SUP: departments, accounts, items, the roster, results, evaluations and task progress come in; drawn tasks (with their warning light) and results go out.</summary>
public sealed class SupervisionModule : IPartnerModule
{
    public string Partner => SupClient.Partner;

    public string ConfigurationSection => SupOptions.SectionName;

    public IReadOnlyList<string> SecretKeys => ["AppSecret"];

    public void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSupervisionAdapter(configuration);
        services.AddSingleton(sp => SupervisionSources.Departments(sp.GetRequiredService<SupClient>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => SupervisionSources.Inspectors(sp.GetRequiredService<SupClient>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => SupervisionSources.Plans(sp.GetRequiredService<SupClient>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => SupervisionSources.Users(sp.GetRequiredService<SupClient>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => SupervisionSources.Items(sp.GetRequiredService<SupClient>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => SupervisionSources.Evaluations(sp.GetRequiredService<SupClient>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => SupervisionSources.Results(sp.GetRequiredService<SupClient>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => SupervisionSources.Tasks(sp.GetRequiredService<SupClient>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<SupervisionPublisher>();
        services.AddSingleton<IResultSink>(sp => sp.GetRequiredService<SupervisionPublisher>());
        services.AddSingleton<IEventDeliveryProvider, SupervisionDeliveries>();
    }
}

/// <summary>The SUP deliveries that are not a standard sink: the drawn task, the changed task, the plan for review.</summary>
internal sealed class SupervisionDeliveries(SupervisionPublisher publisher) : IEventDeliveryProvider
{
    // SUP takes a task whole: the drawn task, and again whenever it changes (its warning light, YJDJ); a submitted
    // plan goes to SUP for review (the justice department reviews it there).
    public IEnumerable<IEventDelivery> Deliveries =>
    [
        new EventByEventDelivery<TaskDrawn>(SupClient.Partner, HubEventTypes.TaskDrawn, SendTaskAsync),
        new EventByEventDelivery<TaskDrawn>(SupClient.Partner, HubEventTypes.TaskUpdated, SendTaskAsync),
        new EventByEventDelivery<Plan>(SupClient.Partner, HubEventTypes.PlanSubmitted,
            async (plan, ct) => (string?)(await publisher.SubmitPlanAsync(plan, ct))["JHBM"] ?? plan.Code),
    ];

    private async Task<string?> SendTaskAsync(TaskDrawn body, CancellationToken cancellationToken)
    {
        await publisher.PublishTaskAsync(SupervisionPublisher.ToWire(body), cancellationToken);
        return body.Task.TaskNumber;
    }
}
