using System.CommandLine;

namespace ShuangSuiJi.Benchmarks;

/// <summary>
/// The benchmarks as a command tree, shared by this project's own entry point and by <c>ssj bench</c>. Each prints,
/// last, <c>&lt;name&gt;: &lt;ratio&gt;x vs &lt;baseline&gt; (&lt;details&gt;)</c>, the baseline measured in the same run.
/// </summary>
public static class BenchmarkApp
{
    public static Command CreateCommand(string name = "bench")
    {
        var count = new Option<long>("--count") { Description = "Targets to load.", DefaultValueFactory = _ => 100_000 };
        var batch = new Option<int>("--batch") { Description = "Rows per transaction (both runs).", DefaultValueFactory = _ => 5_000 };
        var work = new Option<DirectoryInfo?>("--work-dir") { Description = "Where to put the SQLite files (kept); a temp folder, deleted, when omitted." };
        var loadTargets = new Command(LoadTargetsBenchmark.Name, "Load N generated targets into SQLite: EF BulkLoader vs raw ADO.NET inserts.") { count, batch, work };
        loadTargets.SetAction((parse, ct) => LoadTargetsBenchmark.RunAsync(parse.GetValue(count), parse.GetValue(batch), parse.GetValue(work), parse.InvocationConfiguration.Output, ct));

        var size = new Option<long>("--size") { Description = "Targets in the directory.", DefaultValueFactory = _ => 10_000_000 };
        var ratio = new Option<decimal>("--ratio") { Description = "Share drawn from every stratum.", DefaultValueFactory = _ => 0.05m };
        var draw = new Command(DrawBenchmark.Name, "Stratified draw from an N-target directory vs LINQ OrderBy(random).Take(k).") { size, ratio };
        draw.SetAction(parse => DrawBenchmark.Run(parse.GetValue(size), parse.GetValue(ratio), parse.InvocationConfiguration.Output));

        var targets = new Option<int>("--targets") { Description = "Drawn targets to assign.", DefaultValueFactory = _ => 100_000 };
        var roster = new Option<int>("--roster") { Description = "Inspectors over three departments.", DefaultValueFactory = _ => 20_000 };
        var assign = new Command(AssignBenchmark.Name, "Assign 2 inspectors x 3 departments to N targets vs a greedy round-robin.") { targets, roster };
        assign.SetAction(parse => AssignBenchmark.Run(parse.GetValue(targets), parse.GetValue(roster), parse.InvocationConfiguration.Output));

        var fxRows = new Option<long>("--rows") { Description = "Rows in the FX export.", DefaultValueFactory = _ => 1_000_000 };
        var fxExport = new Command(FxExportBenchmark.Name, "Stream an N-row gzip GB18030 FX export through adapter and mapping vs raw CSV parsing.") { fxRows };
        fxExport.SetAction((parse, ct) => FxExportBenchmark.RunAsync(parse.GetValue(fxRows), parse.InvocationConfiguration.Output, ct));

        var events = new Option<int>("--events") { Description = "Events through the outbox.", DefaultValueFactory = _ => 2_000 };
        var rabbit = new Option<string?>("--rabbitmq") { Description = "amqp:// URI of a RabbitMQ broker; in-memory transport when omitted." };
        var exchange = new Command(ExchangeBenchmark.Name, "Events/s from the outbox to delivery at the GS simulator vs a bare MassTransit publish→consume loop.") { events, rabbit };
        exchange.SetAction((parse, ct) => ExchangeBenchmark.RunAsync(parse.GetValue(events), parse.GetValue(rabbit), parse.InvocationConfiguration.Output, ct));

        var records = new Option<int>("--records") { Description = "SUP results to map.", DefaultValueFactory = _ => 200_000 };
        var jsonMapping = new Command(JsonMappingBenchmark.Name, "Map N SUP JSON results to validated canonical records vs plain Newtonsoft deserialisation.") { records };
        jsonMapping.SetAction(parse => JsonMappingBenchmark.Run(parse.GetValue(records), parse.InvocationConfiguration.Output));

        var reconcileSize = new Option<int>("--size") { Description = "Targets each system holds.", DefaultValueFactory = _ => 1_000_000 };
        var reconcile = new Command(ReconcileBenchmark.Name, "Full reconciliation of N targets between two systems vs a plain sort-merge.") { reconcileSize };
        reconcile.SetAction(parse => ReconcileBenchmark.Run(parse.GetValue(reconcileSize), parse.InvocationConfiguration.Output));

        return new Command(name, "Benchmarks; each prints its ratio against a baseline measured in the same run.") { loadTargets, draw, assign, fxExport, exchange, jsonMapping, reconcile };
    }
}
