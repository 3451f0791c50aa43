using Hangfire;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Exchange;
using ShuangSuiJi.Exchange.Events;
using ShuangSuiJi.Integration.CreditRepair;
using ShuangSuiJi.Integration.Deliveries;
using ShuangSuiJi.Integration.Logging;
using ShuangSuiJi.Integration.Outbox;
using ShuangSuiJi.Integration.Pulls;
using ShuangSuiJi.Integration.Routing;
using ShuangSuiJi.Integration.Tickets;

namespace ShuangSuiJi.Integration;

public static class ServiceCollectionExtensions
{
    /// <summary>The recurring job that re-evaluates warning lights; its schedule is <c>Exchange:Schedules:warning-lights</c>.</summary>
    public const string WarningLightJobName = "warning-lights";

    /// <summary>
    /// Registers the running exchanges from the <c>Exchange</c> section. Pulls and deliveries are built from the
    /// partner sources and sinks the adapters registered (<see cref="ITargetSource"/>, <see cref="IRecordSource{T}"/>,
    /// <see cref="IRiskAssessmentSource"/>, <see cref="IResultSink"/>, <see cref="IResultBatchSink"/>,
    /// <see cref="ICaseLeadSink"/>, <see cref="IDrawSink"/>, <see cref="IPublicityWithdrawalSink"/>, or any <see cref="IEventDelivery"/>) and the batch
    /// ticket polls from the <see cref="IBatchTicketPoller"/>s, so a new partner needs no change here. Register the store first; add <see cref="AddExchangeConsumers"/> to the bus.
    /// </summary>
    public static IServiceCollection AddHubExchanges(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ExchangeOptions>()
            .Bind(configuration.GetSection(ExchangeOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ExchangeOptions>, ValidateExchangeOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<DeliverySignal>();
        services.AddSingleton<RouteTable>();
        services.AddSingleton<ExchangeLog>();
        services.AddSingleton<PullWriter>();
        services.AddSingleton<PullRunner>();
        services.AddSingleton<DeliveryRegistry>();
        services.AddSingleton<DeliveryAdmin>();
        services.AddSingleton<ExchangeStatus>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddSingleton<DeliveryWorker>();
        services.AddSingleton<WarningLightJob>();
        services.AddSingleton<BatchTicketJob>();
        services.AddOptions<CreditRepairOptions>()
            .Bind(configuration.GetSection(CreditRepairOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<CreditRepairService>();
        services.TryAddSingleton(_ => new Core.Calendar.WorkingDayCalendar());
        services.TryAddSingleton(sp => new Core.Calendar.WarningLightRule(
            sp.GetRequiredService<Core.Calendar.WorkingDayCalendar>(), configuration.GetValue("WarningLights:YellowWithinWorkingDays", 3)));

        // Deliveries and pulls from whatever the adapters registered.
        services.AddSingleton<IEnumerable<IEventDelivery>>(sp =>
        [
            .. sp.GetServices<IResultSink>().Select(SinkDeliveries.For),
            .. sp.GetServices<IResultBatchSink>().Select(SinkDeliveries.For),
            .. sp.GetServices<ICaseLeadSink>().Select(SinkDeliveries.For),
            .. sp.GetServices<IDrawSink>().Select(SinkDeliveries.For),
            .. sp.GetServices<IPublicityWithdrawalSink>().Select(s => new PublicityWithdrawalDelivery(s, sp.GetRequiredService<Storage.HubDbContextFactory>())),
            .. sp.GetServices<IEventDeliveryProvider>().SelectMany(p => p.Deliveries),
        ]);
        services.AddSingleton<IEnumerable<PullResource>>(sp =>
        [
            .. sp.GetServices<ITargetSource>().Select(s => (PullResource)new SincePull<Target>($"{s.Partner}/targets", s.Partner, "*/15 * * * *", new TargetKindStore(), s.PullTargetsAsync)),
            .. sp.GetServices<IRecordSource<Department>>().Select(s => (PullResource)new SincePull<Department>($"{s.Partner}/departments", s.Partner, "0 1 * * *", new DepartmentKindStore(), s.PullAsync)),
            .. sp.GetServices<IRecordSource<Plan>>().Select(s => (PullResource)new SincePull<Plan>($"{s.Partner}/plans", s.Partner, "*/10 * * * *", new PlanKindStore(), s.PullAsync)),
            .. sp.GetServices<IRecordSource<TaskProgress>>().Select(s => (PullResource)new SincePull<TaskProgress>($"{s.Partner}/task-progress", s.Partner, "*/10 * * * *", new TaskProgressKindStore(), s.PullAsync)),
            .. sp.GetServices<IRecordSource<InspectionTask>>().Select(s => (PullResource)new SincePull<InspectionTask>($"{s.Partner}/tasks", s.Partner, "*/30 * * * *", new TaskKindStore(), s.PullAsync)),
            .. sp.GetServices<IRecordSource<User>>().Select(s => (PullResource)new SincePull<User>($"{s.Partner}/users", s.Partner, "0 1 * * *", new UserKindStore(), s.PullAsync)),
            .. sp.GetServices<IRecordSource<InspectionItem>>().Select(s => (PullResource)new SincePull<InspectionItem>($"{s.Partner}/items", s.Partner, "0 1 * * *", new InspectionItemKindStore(), s.PullAsync)),
            .. sp.GetServices<IRecordSource<Evaluation>>().Select(s => (PullResource)new SincePull<Evaluation>($"{s.Partner}/evaluations", s.Partner, "*/15 * * * *", new EvaluationKindStore(), s.PullAsync)),
            .. sp.GetServices<IRecordSource<Inspector>>().Select(s => (PullResource)new SincePull<Inspector>($"{s.Partner}/inspectors", s.Partner, "*/30 * * * *", new InspectorKindStore(), s.PullAsync)),
            .. sp.GetServices<IRecordSource<InspectionResult>>().Select(s => (PullResource)new SincePull<InspectionResult>($"{s.Partner}/results", s.Partner, "*/5 * * * *", new ResultKindStore(), s.PullAsync)),
            .. sp.GetServices<IRecordSource<CaseDecision>>().Select(s => (PullResource)new SincePull<CaseDecision>($"{s.Partner}/decisions", s.Partner, "*/10 * * * *", new CaseDecisionKindStore(), s.PullAsync)),
            .. sp.GetServices<IRiskAssessmentSource>().SelectMany(s => new PullResource[] { new RiskPull(s, full: true, "0 2 * * 0"), new RiskPull(s, full: false, "0 3 * * *") }),
        ]);

        // Every partner client records its requests and responses into the exchange log.
        services.ConfigureAll<HttpClientFactoryOptions>(o => o.HttpMessageHandlerBuilderActions.Add(b => b.AdditionalHandlers.Add(new ExchangeCaptureHandler())));
        return services;
    }

    /// <summary>Runs the outbox dispatcher and the delivery worker in this process.</summary>
    public static IServiceCollection AddExchangeWorkers(this IServiceCollection services)
    {
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        services.AddHostedService(sp => sp.GetRequiredService<DeliveryWorker>());
        return services;
    }

    /// <summary>Adds the consumer that turns events into deliveries.</summary>
    public static IBusRegistrationConfigurator AddExchangeConsumers(this IBusRegistrationConfigurator bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        bus.AddConsumer<HubEventConsumer, HubEventConsumerDefinition>();
        return bus;
    }

    /// <summary>
    /// Registers one recurring Hangfire job per pull resource, with the configured schedule or the resource's default;
    /// <c>off</c> removes it.
    /// </summary>
    public static void ScheduleExchangePulls(IRecurringJobManager jobs, PullRunner runner, ExchangeOptions options)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(options);
        var china = ChinaTimeZone();
        foreach (var resource in runner.Resources)
        {
            var cron = options.Schedules.GetValueOrDefault(resource.Name) ?? resource.DefaultCron;
            if (cron == "off")
            {
                jobs.RemoveIfExists(resource.Name);
                continue;
            }

            var name = resource.Name;
            jobs.AddOrUpdate<PullRunner>(name, r => r.RunAsync(name, CancellationToken.None), cron, new RecurringJobOptions { TimeZone = china });
        }

        var lights = options.Schedules.GetValueOrDefault(WarningLightJobName) ?? "0 6 * * *";
        if (lights == "off")
        {
            jobs.RemoveIfExists(WarningLightJobName);
        }
        else
        {
            jobs.AddOrUpdate<WarningLightJob>(WarningLightJobName, j => j.RunAsync(CancellationToken.None), lights, new RecurringJobOptions { TimeZone = china });
        }
    }

    /// <summary>
    /// Registers one recurring batch ticket poll per partner with a <see cref="IBatchTicketPoller"/>, job and schedule key
    /// <c>{Partner}/batch-tickets</c> (default every minute); <c>off</c> removes it.
    /// </summary>
    public static void ScheduleBatchTicketPolls(IRecurringJobManager jobs, BatchTicketJob tickets, ExchangeOptions options)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(tickets);
        ArgumentNullException.ThrowIfNull(options);
        var china = ChinaTimeZone();
        foreach (var partner in tickets.Partners)
        {
            var name = BatchTicketJob.JobName(partner);
            var cron = options.Schedules.GetValueOrDefault(name) ?? BatchTicketJob.DefaultCron;
            if (cron == "off")
            {
                jobs.RemoveIfExists(name);
                continue;
            }

            jobs.AddOrUpdate<BatchTicketJob>(name, j => j.RunAsync(partner, CancellationToken.None), cron, new RecurringJobOptions { TimeZone = china });
        }
    }

    /// <summary>Asia/Shanghai (IANA) or China Standard Time (Windows); UTC when the machine has neither, schedules then read as UTC.</summary>
    public static TimeZoneInfo ChinaTimeZone()
    {
        foreach (var id in (string[])["Asia/Shanghai", "China Standard Time"])
        {
            if (TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
            {
                return zone;
            }
        }

        return TimeZoneInfo.Utc;
    }
}
