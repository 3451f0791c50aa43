using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ShuangSuiJi.Adapters.Supervision;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Exchange;
using ShuangSuiJi.Exchange.Events;

namespace ShuangSuiJi.Mappings.Supervision;

/// <summary>SUP: departments, accounts, items, the roster, results and evaluations come in; drawn tasks (with their warning light) and results go out.</summary>
public sealed class SupervisionModule : IPartnerModule
{
    public string Partner => SupClient.Partner;

    public string ConfigurationSection => SupOptions.SectionName;

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
        services.AddSingleton<SupervisionPublisher>();
        services.AddSingleton<IResultSink>(sp => sp.GetRequiredService<SupervisionPublisher>());
        services.AddSingleton<IEventDeliveryProvider, SupervisionDeliveries>();
    }
}

/// <summary>The SUP deliveries that are not a standard sink: the drawn task.</summary>
internal sealed class SupervisionDeliveries(SupervisionPublisher publisher) : IEventDeliveryProvider
{
    // SUP takes a task whole: the drawn task, and again whenever it changes (its warning light, YJDJ).
    public IEnumerable<IEventDelivery> Deliveries =>
        [new TaskDelivery(publisher, HubEventTypes.TaskDrawn), new TaskDelivery(publisher, HubEventTypes.TaskUpdated), new PlanDelivery(publisher)];

    /// <summary>A submitted plan goes to SUP for review (the justice department reviews it there).</summary>
    private sealed class PlanDelivery(SupervisionPublisher publisher) : IEventDelivery
    {
        public string Partner => SupClient.Partner;

        public string EventType => HubEventTypes.PlanSubmitted;

        public int BatchSize => 1;

        public async Task<IReadOnlyList<DeliveryOutcome>> DeliverAsync(IReadOnlyList<OutboundEvent> events, string batchKey, CancellationToken cancellationToken)
        {
            var outcomes = new List<DeliveryOutcome>(events.Count);
            foreach (var e in events)
            {
                var plan = EventJson.Deserialize<Plan>(e.Payload);
                var answer = await publisher.SubmitPlanAsync(plan, cancellationToken);
                outcomes.Add(DeliveryOutcome.Taken((string?)answer["JHBM"] ?? plan.Code));
            }

            return outcomes;
        }
    }

    private sealed class TaskDelivery(SupervisionPublisher publisher, string eventType) : IEventDelivery
    {
        public string Partner => SupClient.Partner;

        public string EventType => eventType;

        public int BatchSize => 1;

        public async Task<IReadOnlyList<DeliveryOutcome>> DeliverAsync(IReadOnlyList<OutboundEvent> events, string batchKey, CancellationToken cancellationToken)
        {
            var outcomes = new List<DeliveryOutcome>(events.Count);
            foreach (var e in events)
            {
                var body = EventJson.Deserialize<TaskDrawn>(e.Payload);
                var targets = body.Draw.Targets.Select(t => (t.CreditCode, t.Name, (IReadOnlyList<(string Department, IReadOnlyList<string> Certificates)>)[.. body.Assignments
                    .Where(a => a.CreditCode == t.CreditCode).Select(a => (a.DepartmentCode, a.CertificateNumbers))])).ToList();
                await publisher.PublishTaskAsync(SupervisionPublisher.ToWire(body.Task, targets), cancellationToken);
                outcomes.Add(DeliveryOutcome.Taken(body.Task.TaskNumber));
            }

            return outcomes;
        }
    }
}
