using System.CommandLine;
using ShuangSuiJi.Benchmarks;

// dotnet run -c Release --project tests/ShuangSuiJi.Benchmarks -- load-targets --count 1000000
var count = new Option<long>("--count") { Description = "Targets to load.", DefaultValueFactory = _ => 100_000 };
var batch = new Option<int>("--batch") { Description = "Rows per transaction (both runs).", DefaultValueFactory = _ => 5_000 };
var work = new Option<DirectoryInfo?>("--work-dir") { Description = "Where to put the SQLite files (kept); a temp folder, deleted, when omitted." };
var loadTargets = new Command(LoadTargetsBenchmark.Name, "Load N generated targets into SQLite: EF BulkLoader vs raw ADO.NET inserts.") { count, batch, work };
loadTargets.SetAction((parse, ct) => LoadTargetsBenchmark.RunAsync(parse.GetValue(count), parse.GetValue(batch), parse.GetValue(work), Console.Out, ct));

var root = new RootCommand("ShuangSuiJi benchmarks. Each prints, last, '<name>: <ratio>x vs <baseline> (<details>)'.") { loadTargets };
return await root.Parse(args).InvokeAsync();
