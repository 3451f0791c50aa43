using System.Diagnostics;
using System.Globalization;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ShuangSuiJi.Core;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Exchange;
using ShuangSuiJi.Exchange.Events;
using ShuangSuiJi.Generation;
using ShuangSuiJi.Integration;
using ShuangSuiJi.Integration.Deliveries;
using ShuangSuiJi.Integration.Outbox;
using ShuangSuiJi.Simulators;
using ShuangSuiJi.Storage;
using ShuangSuiJi.Storage.Exchanges;

namespace ShuangSuiJi.Benchmarks;

/// <summary>
/// Events per second from the outbox to delivery at a partner simulator (SQLite store, outbox dispatcher, bus,
/// consumer, delivery worker, GS notices over HTTP on loopback), against a bare MassTransit publish → consume loop on
/// the same transport in the same run. In-memory by default; <c>--rabbitmq</c> uses a RabbitMQ broker for both.
/// </summary>
internal static class ExchangeBenchmark
{
    public const string Name = "exchange";

    public static async Task<int> RunAsync(int events, string? rabbitMq, TextWriter output, CancellationToken cancellationToken)
    {
        var transport = rabbitMq is null ? "in-memory" : "RabbitMQ";
        output.WriteLine($"{events} events, {transport} transport");
        var bare = await BareLoopAsync(events, rabbitMq, cancellationToken);
        output.WriteLine($"bare MassTransit publish → consume: {bare:F0} messages/s");
        var hub = await OutboxToPartnerAsync(events, rabbitMq, output, cancellationToken);
        output.WriteLine($"outbox → bus → delivery → GS simulator: {hub:F0} events/s");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Name}: {hub / bare:F3}x vs bare MassTransit publish→consume ({transport}; {hub:F0} vs {bare:F0} per second, {events} events)"));
        return 0;
    }

    public sealed record Ping(int Number);

    private sealed class PingCounter
    {
        private int _seen;

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Expected { get; set; }

        public void Seen()
        {
            if (Interlocked.Increment(ref _seen) == Expected)
            {
                Done.TrySetResult();
            }
        }
    }

    private sealed class PingConsumer(PingCounter counter) : IConsumer<Ping>
    {
        public Task Consume(ConsumeContext<Ping> context)
        {
            counter.Seen();
            return Task.CompletedTask;
        }
    }

    private static async Task<double> BareLoopAsync(int count, string? rabbitMq, CancellationToken cancellationToken)
    {
        var counter = new PingCounter { Expected = count };
        var services = new ServiceCollection().AddSingleton(counter);
        services.AddMassTransit(bus =>
        {
            bus.AddConsumer<PingConsumer>();
            Transport(bus, rabbitMq);
        });
        await using var provider = services.BuildServiceProvider();
        var control = provider.GetRequiredService<IBusControl>();
        await control.StartAsync(cancellationToken);
        try
        {
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < count; i++)
            {
                await control.Publish(new Ping(i), cancellationToken);
            }

            await counter.Done.Task.WaitAsync(TimeSpan.FromMinutes(5), cancellationToken);
            return count / watch.Elapsed.TotalSeconds;
        }
        finally
        {
            await control.StopAsync(CancellationToken.None);
        }
    }

    private static async Task<double> OutboxToPartnerAsync(int count, string? rabbitMq, TextWriter output, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("ssj-bench-exchange-");
        using var simulators = new PartnerSimulatorSet(1000, 20250101);
        try
        {
            var settings = new Dictionary<string, string?>(simulators.Settings.Where(s => s.Key.StartsWith("Partners:GS:", StringComparison.Ordinal)))
            {
                ["Storage:Provider"] = "Sqlite",
                ["Storage:DataDirectory"] = folder.FullName,
                ["Exchange:Routes:result-notice-gs:Event"] = HubEventTypes.ResultRecorded,
                ["Exchange:Routes:result-notice-gs:Partner"] = "GS",
            };
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
            var services = new ServiceCollection().AddLogging();
            services.AddHubStorage(configuration);
            services.AddConfiguredPartners(configuration, PartnerModules.Load(["ShuangSuiJi.Mappings"]));
            services.AddHubExchanges(configuration);
            services.AddMassTransit(bus =>
            {
                bus.AddExchangeConsumers();
                Transport(bus, rabbitMq);
            });
            await using var provider = services.BuildServiceProvider();
            await provider.GetRequiredService<StoreMigrator>().MigrateAsync(cancellationToken);
            var stores = provider.GetRequiredService<HubDbContextFactory>();
            var targets = new ProvinceGenerator(new GeneratorOptions { TargetCount = 1000 }).Targets().ToList();
            var today = ChinaTime.Today(TimeProvider.System);
            var now = TimeProvider.System.GetUtcNow();
            await using (var db = stores.CreateDbContext())
            {
                for (var i = 0; i < count; i++)
                {
                    var target = targets[i % targets.Count];
                    var result = new InspectionResult
                    {
                        TaskNumber = string.Create(CultureInfo.InvariantCulture, $"RW{today.Year}-360103-{i / targets.Count:0000}"),
                        TargetCreditCode = target.CreditCode,
                        DepartmentCode = "360103-SCJG",
                        Outcome = ResultOutcome.NoProblemFound,
                        InspectorCertificateNumbers = ["赣36010012345", "赣36010012346"],
                        Method = CheckMethod.OnSite,
                        InspectedOn = today,
                        Provenance = new Provenance("bench", "bench", now),
                    };
                    db.Raise(HubEventTypes.ResultRecorded, $"{result.TaskNumber}|{result.TargetCreditCode}", new ResultRecorded(result, target.Name, null), now);
                }

                await db.SaveChangesAsync(cancellationToken);
            }

            var control = provider.GetRequiredService<IBusControl>();
            await control.StartAsync(cancellationToken);
            var dispatcher = provider.GetRequiredService<OutboxDispatcher>();
            var worker = provider.GetRequiredService<DeliveryWorker>();
            var watch = Stopwatch.StartNew();
            await dispatcher.StartAsync(cancellationToken);
            await worker.StartAsync(cancellationToken);
            provider.GetRequiredService<OutboxSignal>().Signal.Notify();
            int delivered;
            do
            {
                await Task.Delay(100, cancellationToken);
                await using var db = stores.CreateDbContext();
                delivered = await db.Deliveries.CountAsync(d => d.Status == DeliveryStatus.Delivered, cancellationToken);
            }
            while (delivered < count && watch.Elapsed < TimeSpan.FromMinutes(10));

            var rate = delivered / watch.Elapsed.TotalSeconds;
            await worker.StopAsync(CancellationToken.None);
            await dispatcher.StopAsync(CancellationToken.None);
            await control.StopAsync(CancellationToken.None);
            output.WriteLine($"GS simulator holds {simulators.Gs.Notices.Count} notices for {count} events");
            return rate;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    private static void Transport(IBusRegistrationConfigurator bus, string? rabbitMq)
    {
        if (rabbitMq is null)
        {
            bus.UsingInMemory((context, cfg) => cfg.ConfigureEndpoints(context));
        }
        else
        {
            bus.UsingRabbitMq((context, cfg) =>
            {
                cfg.Host(new Uri(rabbitMq));
                cfg.ConfigureEndpoints(context);
            });
        }
    }
}
