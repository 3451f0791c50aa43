using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ShuangSuiJi.Core;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Draw;
using ShuangSuiJi.Draw.InspectorAssignment;
using ShuangSuiJi.Draw.Randomness;
using ShuangSuiJi.Draw.Records;
using ShuangSuiJi.Draw.TargetDraw;
using ShuangSuiJi.Generation;
using ShuangSuiJi.Exchange;
using ShuangSuiJi.Exchange.Events;
using ShuangSuiJi.Integration.Drawing;
using ShuangSuiJi.Integration.Outbox;
using ShuangSuiJi.Storage;
using ShuangSuiJi.Storage.Audit;
using ShuangSuiJi.Storage.Draws;

namespace ShuangSuiJi.Cli.Drawing;

/// <summary>
/// <c>ssj draw</c>: run a draw over a generated province (<c>--generated N</c>) or over the store for a task
/// (<c>--task FILE|TASK-NUMBER</c>), write its record; <c>ssj draw verify RECORD</c> re-derives one.
/// </summary>
internal static class DrawCommand
{
    public static Command Create()
    {
        var generated = new Option<long?>("--generated") { Description = "Draw over a generated province of N targets (100 to 10,000,000)." };
        var task = new Option<string?>("--task") { Description = "A task file (JSON, see docs/draw-spec.md §9) or a task number in the store." };
        var ratio = new Option<decimal?>("--ratio") { Description = "One ratio for every risk stratum (0.05 = 5%); default: the stratified defaults A 3%, B 5%, C 10%, D 20%." };
        var seedHex = new Option<string?>("--seed-hex") { Description = "The revealed seed, 64 hex characters; default: a fresh one from the OS CSPRNG." };
        var region = new Option<string?>("--region") { Description = "With --generated: limit the scope to this region (for example 360103)." };
        var departments = new Option<string[]>("--department") { Description = "With --generated: assign inspectors from this department's roster (repeatable; joint task)." };
        var output = new Option<FileInfo?>("--out") { Description = "Where to write the draw record (JSON)." };
        var store = new StoreOptionsBinding();
        var draw = new Command("draw", "Draw targets and assign inspectors, verifiably; write the draw record.") { generated, task, ratio, seedHex, region, departments, output };
        store.AddTo(draw);
        draw.Validators.Add(r =>
        {
            if ((r.GetValue(generated) is null) == (r.GetValue(task) is null))
            {
                r.AddError("Give exactly one of --generated N or --task FILE|TASK-NUMBER.");
            }

            if (r.GetValue(generated) is { } n && n is < GeneratorOptions.MinTargets or > GeneratorOptions.MaxTargets)
            {
                r.AddError($"--generated must be between {GeneratorOptions.MinTargets:N0} and {GeneratorOptions.MaxTargets:N0}.");
            }

            if (r.GetValue(ratio) is { } x && x is <= 0 or > 1)
            {
                r.AddError($"--ratio must be in (0, 1], got {x}.");
            }

            if (r.GetValue(seedHex) is { } hex && (hex.Length != 64 || !hex.All(char.IsAsciiHexDigit)))
            {
                r.AddError("--seed-hex must be 64 hex characters (256 bits).");
            }
        });
        draw.SetAction(async (parse, ct) =>
        {
            var writer = parse.InvocationConfiguration.Output;
            var policyOverride = parse.GetValue(ratio) is { } r ? DrawPolicy.Uniform(r) : null;
            DrawRecord record;
            if (parse.GetValue(generated) is { } n)
            {
                var seed = parse.GetValue(seedHex) is { } hex ? SeedCommitment.ParseSeed(hex) : SeedCommitment.NewSeed();
                var commitment = SeedCommitment.Commit(seed);
                writer.WriteLine($"seed commitment (SHA-256): {commitment}");
                record = DrawGenerated(n, parse.GetValue(region), parse.GetValue(departments) ?? [], policyOverride, seed, commitment, writer);
            }
            else
            {
                record = await DrawTaskAsync(store, parse, parse.GetRequiredValue(task)!, policyOverride, parse.GetValue(seedHex), writer, ct);
            }
            Report(record, writer);
            if (parse.GetValue(output) is { } file)
            {
                await File.WriteAllTextAsync(file.FullName, record.ToJson(), ct);
                writer.WriteLine($"record written to {file.FullName}; check it with: ssj draw verify {file.Name}");
            }

            return record.Refusal is null ? ExitCodes.Success : ExitCodes.Findings;
        });

        var recordFile = new Argument<FileInfo>("record") { Description = "A draw record written by ssj draw --out." };
        var verify = new Command("verify", "Re-derive a draw from its record; print MATCH or the first difference (exit 1).") { recordFile };
        verify.SetAction(async (parse, ct) =>
        {
            var file = parse.GetRequiredValue(recordFile);
            if (!file.Exists)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"No such file: {file.FullName}");
                return ExitCodes.UsageError;
            }

            DrawRecord record;
            try
            {
                record = DrawRecord.FromJson(await File.ReadAllTextAsync(file.FullName, ct));
            }
            catch (JsonException ex)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"{file.Name} is not a draw record: {ex.Message}");
                return ExitCodes.UsageError;
            }

            var verdict = DrawVerifier.Verify(record);
            parse.InvocationConfiguration.Output.WriteLine(verdict.Match
                ? $"MATCH: {record.TaskNumber}, {record.Drawn.Count} targets, {record.Assignment?.Assignments.Count ?? 0} assignments re-derived from seed {record.Seed[..8]}…"
                : $"MISMATCH: {verdict.FirstDifference}");
            return verdict.Match ? ExitCodes.Success : ExitCodes.Findings;
        });
        draw.Subcommands.Add(verify);
        draw.Subcommands.Add(CommitCommand());
        return draw;
    }

    private static DrawRecord DrawGenerated(long count, string? region, string[] departmentCodes, DrawPolicy? policy, byte[] seed, string commitment, TextWriter writer)
    {
        var generator = new ProvinceGenerator(new GeneratorOptions { TargetCount = count });
        writer.WriteLine($"generating a province of {count:N0} targets…");
        var directory = TargetDirectory.Build(generator.Targets(), (int)count);
        var request = new TargetDrawRequest
        {
            TaskNumber = $"RW{generator.Options.AsOf.Year}-GEN-{count}",
            Scope = region is null ? TargetScope.Everything : new TargetScope { Regions = [region] },
            Policy = policy ?? new DrawPolicy(),
        };
        DrawService.AssignmentSettings? assignment = null;
        if (departmentCodes.Length > 0)
        {
            var byCode = generator.Departments().ToDictionary(d => d.Code);
            var unknown = departmentCodes.Where(c => !byCode.ContainsKey(c)).ToList();
            if (unknown.Count > 0)
            {
                throw new InvalidOperationException($"--department {string.Join(", ", unknown)}: no such department in the generated province (codes look like 360103-SCJG).");
            }

            var inspectors = generator.Inspectors().Where(i => departmentCodes.Contains(i.DepartmentCode)).ToList();
            assignment = new DrawService.AssignmentSettings(
                [.. departmentCodes.Select(c => new AssignmentDepartment(c, [.. inspectors.Where(i => i.DepartmentCode == c).Select(i => RosterInspector.From(i, byCode[c].RegionCode))], []))],
                generator.Options.AsOf, new DateOnly(generator.Options.AsOf.Year, 11, 15));
        }

        return DrawService.Run(directory, request, assignment, seed, commitment, CommitmentAlgorithm.Sha256, generator.Options.Stamp);
    }

    private static async Task<DrawRecord> DrawTaskAsync(StoreOptionsBinding store, ParseResult parse, string task, DrawPolicy? policyOverride, string? seedHex, TextWriter writer, CancellationToken ct)
    {
        await using var services = store.BuildServices(parse);
        await using var db = services.GetRequiredService<HubDbContextFactory>().CreateDbContext();
        var spec = File.Exists(task)
            ? JsonSerializer.Deserialize<DrawTaskSpec>(await File.ReadAllTextAsync(task, ct), DrawRecord.JsonOptions) ?? throw new InvalidOperationException($"{task} holds no task.")
            : await StoredTaskDraw.SpecFromStoreAsync(db, task, ct);
        var trail = services.GetRequiredService<IAuditTrail>();
        DrawRecord record;
        try
        {
            record = await StoredTaskDraw.DrawAsync(db, spec, policyOverride, seedHex, writer.WriteLine, TimeProvider.System.GetUtcNow(), ct);
        }
        catch (InvalidOperationException ex)
        {
            // Refused before drawing (no commitment, a seed that does not match it): audited, then reported as before.
            await trail.RecordAsync(new AuditRecord(CliActor.Name, AuditActs.Draw, spec.TaskNumber, AuditOutcomes.Refused, ex.Message), CancellationToken.None);
            throw;
        }

        await trail.RecordAsync(
            new AuditRecord(CliActor.Name, AuditActs.Draw, record.TaskNumber, record.Refusal is null ? AuditOutcomes.Succeeded : AuditOutcomes.Refused,
                record.Refusal ?? $"{record.Drawn.Count} of {record.EligibleCount} eligible drawn; {record.Assignment?.Assignments.Count ?? 0} assignments; seed {(seedHex is null ? "as committed" : "given (rehearsal)")}"),
            CancellationToken.None);
        writer.WriteLine($"draw record stored in the draw ledger of the {db.Provider} store");
        return record;
    }

    /// <summary><c>ssj draw commit --task X</c>: the commit half of commit-reveal, done when the task is scheduled.</summary>
    private static Command CommitCommand()
    {
        var task = new Option<string>("--task") { Description = "Task number in the store.", Required = true };
        var algorithm = new Option<CommitmentAlgorithm>("--algorithm") { Description = "Commitment hash: Sha256 (default) or Sm3.", DefaultValueFactory = _ => CommitmentAlgorithm.Sha256 };
        var store = new StoreOptionsBinding();
        var commit = new Command("commit", "Draw a secret seed from the OS CSPRNG for a scheduled task and publish its commitment on the task.") { task, algorithm };
        store.AddTo(commit);
        commit.SetAction(async (parse, ct) =>
        {
            var writer = parse.InvocationConfiguration.Output;
            await using var services = store.BuildServices(parse);
            await using var db = services.GetRequiredService<HubDbContextFactory>().CreateDbContext();
            var number = parse.GetRequiredValue(task);
            if (!await db.Tasks.AnyAsync(t => t.TaskNumber == number, ct))
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"No task {number} in the store.");
                return ExitCodes.UsageError;
            }

            if (await db.TaskSeeds.AsNoTracking().FirstOrDefaultAsync(s => s.TaskNumber == number, ct) is { } existing)
            {
                writer.WriteLine($"Task {number} already committed {existing.Commitment} ({existing.CommitmentAlgorithm}) at {existing.CommittedAt:yyyy-MM-dd HH:mm:ss zzz}; a commitment is never replaced.");
                await services.GetRequiredService<IAuditTrail>().RecordAsync(
                    new AuditRecord(CliActor.Name, AuditActs.DrawCommit, number, AuditOutcomes.Refused, $"already committed {existing.Commitment}; a commitment is never replaced"), ct);
                return ExitCodes.Findings;
            }

            var chosen = parse.GetValue(algorithm);
            var seed = SeedCommitment.NewSeed();
            var commitment = SeedCommitment.Commit(seed, chosen);
            db.TaskSeeds.Add(new TaskSeed
            {
                TaskNumber = number,
                Commitment = commitment,
                CommitmentAlgorithm = chosen.ToString(),
                Seed = Convert.ToHexStringLower(seed),
                CommittedAt = TimeProvider.System.GetUtcNow().ToOffset(ChinaTime.Offset),
            });
            await db.SaveChangesAsync(ct);
            await db.Tasks.Where(t => t.TaskNumber == number).ExecuteUpdateAsync(u => u.SetProperty(t => t.SeedCommitment, commitment), ct);
            await services.GetRequiredService<IAuditTrail>().RecordAsync(new AuditRecord(CliActor.Name, AuditActs.DrawCommit, number, Detail: $"{chosen} commitment {commitment}"), CancellationToken.None);
            writer.WriteLine($"Task {number}: seed commitment ({chosen}) {commitment}");
            writer.WriteLine("Publish it now; the seed stays secret until 'ssj draw --task' reveals it with the result.");
            return ExitCodes.Success;
        });
        return commit;
    }

    /// <summary>A task in the store: its plan's ratio and departments, the initiating department's region, and this year's A draws.</summary>
    private static void Report(DrawRecord record, TextWriter writer)
    {
        writer.WriteLine($"task {record.TaskNumber}: {record.EligibleCount:N0} eligible (SHA-256 {record.EligibleHash}), algorithm {record.Algorithm}");
        writer.WriteLine($"excluded: {record.Exclusions.OutOfScope:N0} out of scope, {record.Exclusions.NotDrawableStatus:N0} not drawable (deregistered, revoked, moved out, cancelled), {record.Exclusions.LowRiskDrawnThisYear:N0} low-risk already drawn this year, {record.Exclusions.KeyTargets:N0} key targets");
        foreach (var s in record.Strata)
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  stratum {s.Stratum}: {s.Eligible.Count,10:N0} eligible × {s.Ratio:P1} → {s.ByRatio:N0}, drawn {s.Drawn:N0}{(s.Note is null ? "" : "  " + s.Note)}"));
        }

        if (record.Refusal is not null)
        {
            writer.WriteLine($"REFUSED: {record.Refusal}");
            return;
        }

        writer.WriteLine($"drawn: {record.Drawn.Count:N0} targets ({record.Drawn.Count(d => d.IsKey)} key targets, {record.Drawn.Count(d => d.MustBeOnSite)} high-risk to check on site)");
        if (record.Assignment is { } a)
        {
            foreach (var load in a.Loads)
            {
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {load.DepartmentCode}: {load.EligibleInspectors} eligible inspectors, average {load.Average:F2}, cap {load.Cap}, max {load.MaxAssigned}{(load.Note is null ? "" : "  " + load.Note)}"));
            }

            writer.WriteLine($"assignments: {a.Assignments.Count:N0}; uncovered: {a.Uncovered.Count}");
            foreach (var u in a.Uncovered.Take(10))
            {
                writer.WriteLine($"  UNCOVERED {u.CreditCode} in {u.DepartmentCode}: {u.Reason}");
            }
        }
    }
}
