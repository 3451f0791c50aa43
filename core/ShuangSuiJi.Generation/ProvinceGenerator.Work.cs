using System.Globalization;
using ShuangSuiJi.Core.Kinds;

namespace ShuangSuiJi.Generation;

public sealed partial class ProvinceGenerator
{
    private static readonly IReadOnlyList<(ResultOutcome Outcome, int Weight)> Outcomes =
    [
        (ResultOutcome.NoProblemFound, 600), (ResultOutcome.Qualified, 100), (ResultOutcome.ProblemOrderedToCorrect, 100),
        (ResultOutcome.InformationNotPublicised, 50), (ResultOutcome.UnreachableAtRegisteredAddress, 50),
        (ResultOutcome.NoBusinessActivityUnderCheck, 40), (ResultOutcome.ProblemPendingInvestigation, 30),
        (ResultOutcome.Unqualified, 20), (ResultOutcome.SeriouslyUncooperative, 5), (ResultOutcome.Other, 5),
    ];

    private static readonly int[] OutcomeWeights = [.. Outcomes.Select(o => o.Weight)];

    /// <summary>A sample plan of a county and the one task drawn from it.</summary>
    private sealed record SampleWork(Plan Plan, InspectionTask Task, int CountyIndex, IReadOnlyList<GeneratedDepartment> Departments);

    /// <summary>Sample annual plans: per county a market-supervision plan and a joint plan with the health commission.</summary>
    public IEnumerable<Plan> Plans() => SampleWorks().Select(w => w.Plan);

    /// <summary>One task per sample plan, its status set by <see cref="GeneratorOptions.AsOf"/>.</summary>
    public IEnumerable<InspectionTask> Tasks() => SampleWorks().Select(w => w.Task);

    private IEnumerable<SampleWork> SampleWorks()
    {
        var byCode = _departments.ToDictionary(d => d.Department.Code, StringComparer.Ordinal);
        var year = _options.AsOf.Year;
        foreach (var market in _departments.Where(d => d.Department is { Level: DepartmentLevel.County, IsMarketSupervision: true }))
        {
            var region = market.Department.RegionCode;
            var county = Jiangxi.AllCounties[market.CountyIndex].County.Name;
            var health = byCode[DepartmentCode(region, "WJW")];
            var rng = SplitMix64.For(_options.Seed, PlanStream, market.CountyIndex);

            yield return Work(1, $"{year}年{county}市场监管局关于企业公示信息的抽查", [market], 5m, 4, 11, [CheckMethod.Documentary, CheckMethod.Online], "各类企业", ref rng);
            yield return Work(2, $"{year}年{county}市场监管局与{county}卫生健康委员会关于药品零售企业联合抽查", [market, health], 10m, 5, 10, [CheckMethod.OnSite], "药品零售企业", ref rng);

            SampleWork Work(int n, string name, GeneratedDepartment[] departments, decimal ratio, int startMonth, int endMonth, CheckMethod[] methods, string scope, ref SplitMix64 rng)
            {
                var planCode = string.Create(CultureInfo.InvariantCulture, $"JH{year}-{region}-{n:000}");
                var plan = new Plan
                {
                    Code = planCode,
                    Name = name,
                    Year = year,
                    InitiatingDepartmentCode = market.Department.Code,
                    Participants = [.. departments.Select(d => new PlanParticipant
                    {
                        DepartmentCode = d.Department.Code,
                        ItemCodes = [ItemCode(d.Department.Code, d.Line.Items.ToList().FindIndex(i => i.Scope == scope) is var k and >= 0 ? k : 0)],
                    })],
                    TargetScope = scope,
                    RatioPercent = ratio,
                    Frequency = PlanFrequency.OncePerYear,
                    StartMonth = startMonth,
                    EndMonth = endMonth,
                    Methods = methods,
                    ReviewState = rng.Percent(90) ? ReviewState.Approved : ReviewState.Pending,
                    Provenance = _provenance,
                };
                var start = new DateOnly(year, startMonth, 1);
                var end = new DateOnly(year, endMonth, DateTime.DaysInMonth(year, endMonth));
                var task = new InspectionTask
                {
                    TaskNumber = string.Create(CultureInfo.InvariantCulture, $"RW{year}-{region}-{n:0000}"),
                    PlanCode = planCode,
                    Name = name,
                    InitiatingDepartmentCode = market.Department.Code,
                    CooperatingDepartmentCodes = [.. departments.Skip(1).Select(d => d.Department.Code)],
                    WindowStart = start,
                    WindowEnd = end,
                    Status = _options.AsOf < start ? InspectionTaskStatus.NotStarted
                        : _options.AsOf <= end ? InspectionTaskStatus.InProgress : InspectionTaskStatus.Completed,
                    Provenance = _provenance,
                };
                return new SampleWork(plan, task, market.CountyIndex, departments);
            }
        }
    }

    /// <summary>Results of the sample tasks that have started: a few targets each, one result per department, two inspectors each.</summary>
    public IEnumerable<InspectionResult> Results() => SampleResults().Select(r => r.Result);

    /// <summary>Evaluations for about half the sample results, as if scanned from the QR code left after the check.</summary>
    public IEnumerable<Evaluation> Evaluations()
    {
        foreach (var (result, ordinal) in SampleResults())
        {
            var rng = SplitMix64.For(_options.Seed, ResultStream, ordinal + (1L << 40));
            if (!rng.Percent(50))
            {
                continue;
            }

            var rating = rng.Weighted([2, 3, 10, 30, 55]) + 1;
            yield return new Evaluation
            {
                Id = string.Create(CultureInfo.InvariantCulture, $"PJ-{result.TaskNumber}-{ordinal:000000}"),
                TaskNumber = result.TaskNumber,
                TargetCreditCode = result.TargetCreditCode,
                DepartmentCode = result.DepartmentCode,
                Rating = rating,
                Comment = rating >= 4 ? "检查人员文明执法，程序规范" : "检查时间较长，希望提前告知",
                SubmittedAt = new DateTimeOffset(result.InspectedOn.ToDateTime(new TimeOnly(16, 30)), TimeSpan.FromHours(8)),
                Channel = (EvaluationChannel)(1 + rng.Weighted([80, 10, 10])),
                Provenance = _provenance,
            };
        }
    }

    private IEnumerable<(InspectionResult Result, long Ordinal)> SampleResults()
    {
        long ordinal = 0;
        var perCounty = Math.Max(1, _options.TargetCount / _countyCount);
        foreach (var work in SampleWorks().Where(w => w.Task.Status != InspectionTaskStatus.NotStarted))
        {
            var rng = SplitMix64.For(_options.Seed, ResultStream, ordinal);
            var chosen = new HashSet<long>();
            for (var t = 0; t < TargetsPerSampleTask; t++)
            {
                var index = work.CountyIndex + (_countyCount * (long)(rng.Next() % (ulong)perCounty));
                if (index >= _options.TargetCount || !chosen.Add(index))
                {
                    continue;
                }

                var target = TargetAt(index);
                if (!target.IsDrawable)
                {
                    continue;
                }

                var last = work.Task.WindowEnd < _options.AsOf ? work.Task.WindowEnd : _options.AsOf;
                var span = Math.Max(1, last.DayNumber - work.Task.WindowStart.DayNumber);
                var inspected = work.Task.WindowStart.AddDays(rng.Below(span));
                var outcome = Outcomes[rng.Weighted(OutcomeWeights)].Outcome;
                foreach (var department in work.Departments)
                {
                    var entered = inspected.AddDays(1 + rng.Below(5));
                    var publicised = entered.AddDays(1 + rng.Below(12));
                    yield return (new InspectionResult
                    {
                        TaskNumber = work.Task.TaskNumber,
                        TargetCreditCode = target.CreditCode,
                        DepartmentCode = department.Department.Code,
                        Outcome = outcome,
                        Findings = outcome is ResultOutcome.ProblemOrderedToCorrect or ResultOutcome.ProblemPendingInvestigation or ResultOutcome.Unqualified
                            ? rng.Pick(Vocabulary.Findings) : "",
                        InspectorCertificateNumbers = [InspectorCertificate(department, 0), InspectorCertificate(department, 1)],
                        Method = work.Plan.Methods[0],
                        InspectedOn = inspected,
                        EnteredOn = entered <= _options.AsOf ? entered : null,
                        PublicisedOn = publicised <= _options.AsOf ? publicised : null,
                        Provenance = _provenance,
                    }, ordinal++);
                }
            }
        }
    }
}
