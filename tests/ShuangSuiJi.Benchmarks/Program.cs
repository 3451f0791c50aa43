using System.CommandLine;
using ShuangSuiJi.Benchmarks;

// dotnet run -c Release --project tests/ShuangSuiJi.Benchmarks -- load-targets --count 1000000
// (the same commands as `ssj bench ...`)
var root = new RootCommand("ShuangSuiJi benchmarks. Each prints, last, '<name>: <ratio>x vs <baseline> (<details>)'.");
foreach (var command in BenchmarkApp.CreateCommand().Subcommands)
{
    root.Subcommands.Add(command);
}

return await root.Parse(args).InvokeAsync();
