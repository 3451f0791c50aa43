using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ShuangSuiJi.Exchange;
using ShuangSuiJi.Integration;
using ShuangSuiJi.Integration.Deliveries;
using ShuangSuiJi.Integration.Outbox;
using ShuangSuiJi.Integration.Pulls;
using ShuangSuiJi.Integration.Tickets;
using ShuangSuiJi.Simulators;
using ShuangSuiJi.Storage;
using ShuangSuiJi.Testing;

namespace ShuangSuiJi.Integration.Tests;

/// <summary>
/// The exchange services over a real store, the five simulators and an in-memory bus, driven step by step: pull,
/// dispatch the outbox, let the consumer fan out, deliver. The defaults are the hub's appsettings routes.
/// </summary>
internal sealed class ExchangeHarness : IAsyncDisposable
{
    public static readonly IReadOnlyDictionary<string, string?> DefaultRoutes = new Dictionary<string, string?>
    {
        ["Exchange:RecordOfTruth:Target"] = "GS",
        ["Exchange:RecordOfTruth:Department"] = "SUP",
        ["Exchange:RecordOfTruth:Inspector"] = "SUP",
        ["Exchange:RecordOfTruth:InspectionResult"] = "SUP",
        ["Exchange:RecordOfTruth:CaseDecision"] = "CF",
        ["Exchange:Routes:result-notice-gs:Event"] = "result.recorded",
        ["Exchange:Routes:result-notice-gs:Partner"] = "GS",
        ["Exchange:Routes:result-batch-zj:Event"] = "result.recorded",
        ["Exchange:Routes:result-batch-zj:Partner"] = "ZJ",
        ["Exchange:Routes:result-feedback-fx:Event"] = "result.recorded",
        ["Exchange:Routes:result-feedback-fx:Partner"] = "FX",
        ["Exchange:Routes:result-lead-cf:Event"] = "result.recorded",
        ["Exchange:Routes:result-lead-cf:Partner"] = "CF",
        ["Exchange:Routes:result-lead-cf:When"] = "result.outcome in ProblemOrderedToCorrect,ProblemPendingInvestigation,Unqualified",
        ["Exchange:Routes:task-drawn-sup:Event"] = "task.drawn",
        ["Exchange:Routes:task-drawn-sup:Partner"] = "SUP",
        ["Exchange:Routes:task-updated-sup:Event"] = "task.updated",
        ["Exchange:Routes:task-updated-sup:Partner"] = "SUP",
        ["Exchange:RecordOfTruth:Plan"] = "SUP",
        ["Exchange:RecordOfTruth:Task"] = "ZJ",
        ["Exchange:RecordOfTruth:TaskProgress"] = "SUP",
        ["Exchange:Routes:plan-review-sup:Event"] = "plan.submitted",
        ["Exchange:Routes:plan-review-sup:Partner"] = "SUP",
        ["Exchange:Routes:plan-approved-zj:Event"] = "plan.approved",
        ["Exchange:Routes:plan-approved-zj:Partner"] = "ZJ",
        ["Exchange:Routes:task-drawn-zj:Event"] = "task.drawn",
        ["Exchange:Routes:task-drawn-zj:Partner"] = "ZJ",
        ["Exchange:Routes:task-drawn-gs:Event"] = "task.drawn",
        ["Exchange:Routes:task-drawn-gs:Partner"] = "GS",
        ["Exchange:Routes:result-withdrawn-gs:Event"] = "result.publicity-withdrawn",
        ["Exchange:Routes:result-withdrawn-gs:Partner"] = "GS",
        ["Exchange:Delivery:BaseDelaySeconds"] = "0.01",
        ["Exchange:Delivery:MaxAttempts"] = "3",
        ["Exchange:InstanceName"] = "test-hub",
        ["Partners:ZJ:PollSeconds"] = "0.05",
        ["Reconciliation:Kinds:target:Key:0"] = "creditCode",
        ["Reconciliation:Kinds:target:StoredAs"] = "Target",
        ["Reconciliation:Kinds:target:Sources:FX:StoredAs"] = "RiskAssessment",
        ["Reconciliation:Kinds:target:Sources:FX:Fields:grade"] = "riskGrade",
        ["Reconciliation:Kinds:target:Truth:riskGrade"] = "FX",
        ["Reconciliation:Kinds:target:Truth:*"] = "GS",
        ["Reconciliation:Kinds:target:Ignore:0"] = "classifiedOn",
        ["Reconciliation:Kinds:target:Ignore:1"] = "score",
        ["Reconciliation:Kinds:target:Ignore:2"] = "removed",
        ["Reconciliation:Kinds:target:Events:0"] = "target.changed",
        ["Reconciliation:Kinds:result:Key:0"] = "taskNumber",
        ["Reconciliation:Kinds:result:Key:1"] = "targetCreditCode",
        ["Reconciliation:Kinds:result:Key:2"] = "departmentCode",
        ["Reconciliation:Kinds:result:StoredAs"] = "InspectionResult",
        ["Reconciliation:Kinds:result:Truth:*"] = "HUB",
        ["Reconciliation:Kinds:result:Events:0"] = "result.recorded",
        ["Reconciliation:Pairs:0"] = "target:GS:FX",
    };

    private readonly ServiceProvider _services;

    private ExchangeHarness(TestStore store, PartnerSimulatorSet simulators, ServiceProvider services)
    {
        Store = store;
        Simulators = simulators;
        _services = services;
    }

    public TestStore Store { get; }

    public PartnerSimulatorSet Simulators { get; }

    public PullRunner Pulls => _services.GetRequiredService<PullRunner>();

    public OutboxDispatcher Outbox => _services.GetRequiredService<OutboxDispatcher>();

    public DeliveryWorker Worker => _services.GetRequiredService<DeliveryWorker>();

    public DeliveryAdmin Admin => _services.GetRequiredService<DeliveryAdmin>();

    public BatchTicketJob Tickets => _services.GetRequiredService<BatchTicketJob>();

    public ExchangeStatus Status => _services.GetRequiredService<ExchangeStatus>();

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    public static async Task<ExchangeHarness> StartAsync(TestStore store, IReadOnlyDictionary<string, string?>? overrides = null, Action<IServiceCollection>? configure = null, long targets = 300)
    {
        await store.MigratedAsync();
        var simulators = new PartnerSimulatorSet(targets, 20250101);
        var settings = store.Settings.Concat(simulators.Settings).Concat(DefaultRoutes)
            .GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.Last().Value);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddHubStorage(configuration);
        services.AddConfiguredPartners(configuration, PartnerModules.Load(["ShuangSuiJi.Mappings"]));
        configure?.Invoke(services);
        services.AddHubExchanges(configuration);
        Reconciliation.ServiceCollectionExtensions.AddReconciliation(services, configuration);
        services.AddMassTransit(bus =>
        {
            bus.AddExchangeConsumers();
            bus.UsingInMemory((context, cfg) => cfg.ConfigureEndpoints(context));
        });
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        await provider.GetRequiredService<IBusControl>().StartAsync(TestContext.Current.CancellationToken);
        return new ExchangeHarness(store, simulators, provider);
    }

    public async Task<PullRun> PullAsync(string resource)
    {
        var run = await Pulls.PullAsync(resource, null, TestContext.Current.CancellationToken);
        Assert.True(run.Error is null, $"{resource}: {run.Error}");
        return run;
    }

    /// <summary>Dispatches the outbox and waits until the consumer has made every expected delivery.</summary>
    public async Task DispatchAsync(int expectedDeliveries)
    {
        while (await Outbox.DispatchAsync(TestContext.Current.CancellationToken) > 0)
        {
            // every round until the outbox is empty
        }

        await WaitForAsync(async db => await db.Deliveries.CountAsync(TestContext.Current.CancellationToken) >= expectedDeliveries, $"{expectedDeliveries} deliveries");
    }

    /// <summary>
    /// Runs delivery rounds, each followed by every partner's batch ticket poll (as the scheduled jobs would), until
    /// nothing is pending and due (retries included) and no delivery awaits its ticket.
    /// </summary>
    public async Task DeliverAllAsync()
    {
        for (var round = 0; round < 50; round++)
        {
            await Worker.DeliverDueAsync(TestContext.Current.CancellationToken);
            await PollTicketsAsync();
            await using var db = Store.Factory.CreateDbContext();
            if (!await db.Deliveries.AnyAsync(d => d.Status == Storage.Exchanges.DeliveryStatus.Pending || d.Status == Storage.Exchanges.DeliveryStatus.AwaitingTicket,
                TestContext.Current.CancellationToken))
            {
                return;
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>One run of every partner's batch ticket poll.</summary>
    public async Task<IReadOnlyList<BatchTicketRun>> PollTicketsAsync()
    {
        var runs = new List<BatchTicketRun>();
        foreach (var partner in Tickets.Partners)
        {
            runs.Add(await Tickets.PollAsync(partner, TestContext.Current.CancellationToken));
        }

        return runs;
    }

    public async Task WaitForAsync(Func<HubDbContext, Task<bool>> condition, string what)
    {
        var started = TimeProvider.System.GetTimestamp();
        // Generous: on 2 shared cores with the other test classes' hubs running, a consumer round can take tens of seconds.
        while (TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(90))
        {
            await using var db = Store.Factory.CreateDbContext();
            if (await condition(db))
            {
                return;
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.Fail($"Timed out waiting for {what}.");
    }

    public async ValueTask DisposeAsync()
    {
        await _services.GetRequiredService<IBusControl>().StopAsync(CancellationToken.None);
        await _services.DisposeAsync();
        Simulators.Dispose();
        await Store.DisposeAsync();
    }
}
