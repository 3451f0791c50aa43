using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using ShuangSuiJi.Adapters.NationalPlatform;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Exchange;
using ShuangSuiJi.Exchange.Events;
using ShuangSuiJi.Generation;
using ShuangSuiJi.Mappings.NationalPlatform;
using ShuangSuiJi.Simulators.NationalPlatform;

namespace ShuangSuiJi.Mappings.Tests;

/// <summary>ZJ end to end: signed asynchronous batches, tickets polled to the end, partial refusals kept by record.</summary>
public sealed class NationalPlatformTests : IDisposable
{
    private static readonly IReadOnlyList<Department> Departments = new ProvinceGenerator(new GeneratorOptions { TargetCount = 100 }).Departments();
    private readonly NationalPlatformSimulator _simulator = new(Departments.Where(d => d.Code != "360104-SCJG").Select(d => d.CreditCode!));

    public void Dispose() => _simulator.Dispose();

    private ServiceProvider Services(string secret = NationalPlatformSimulator.Secret) =>
        new ServiceCollection().AddNationalPlatformAdapter(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Partners:ZJ:BaseUrl"] = _simulator.BaseUrl.ToString(),
            ["Partners:ZJ:AppId"] = NationalPlatformSimulator.AppId,
            ["Partners:ZJ:Secret"] = secret,
            ["Partners:ZJ:PollSeconds"] = "0.05",
        }).Build()).BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });

    private static InspectionResult Result(string department, int i) => new()
    {
        TaskNumber = "RW2025-360103-0042",
        TargetCreditCode = "91360103MA38B2LM2C",
        DepartmentCode = department,
        Outcome = ResultOutcome.ProblemOrderedToCorrect,
        InspectorCertificateNumbers = ["赣36010012345", "赣36010012346"],
        Method = CheckMethod.OnSite,
        InspectedOn = new DateOnly(2025, 6, 12).AddDays(i % 5),
        PublicisedOn = new DateOnly(2025, 6, 20),
        Provenance = new Provenance("hub", "test", new DateTimeOffset(2025, 6, 12, 9, 0, 0, TimeSpan.FromHours(8))),
    };

    [Fact]
    public async Task Results_GoUpInABatch_AnsweredWithATicket_PolledToPartial_WithEachRefusalByItsPositionAsSent()
    {
        using var services = Services();
        var partner = new NationalPlatformPartner(services.GetRequiredService<ZjClient>());
        var credit = Departments.Where(d => d.CreditCode is not null && d.Code != "360105-SCJG").ToDictionary(d => d.Code, d => d.CreditCode!);
        var results = new List<InspectionResult> { Result("360103-SCJG", 0), Result("360104-SCJG", 1), Result("360103-WJW", 2), Result("360999-XX", 3) }
            .Select(r => new ResultRecorded(r, "某公司", credit.GetValueOrDefault(r.DepartmentCode))).ToList();

        var answer = await partner.PublishResultsAsync(results, "360000-RESULT-20250613", TestContext.Current.CancellationToken);
        var polls = new List<TicketStatus>();
        do
        {
            polls.Add(await partner.PollAsync(answer.Ticket!, TestContext.Current.CancellationToken));
        }
        while (!polls[^1].Finished);

        Assert.NotNull(answer.Ticket);
        Assert.Equal([null, null, null], answer.Refusals.Take(3));
        Assert.Contains("no unified social credit code", answer.Refusals[3], StringComparison.Ordinal); // refused before sending
        Assert.Equal([TicketProgress.Pending, TicketProgress.Processing, TicketProgress.Partial], polls.Select(p => p.Progress));
        Assert.Equal(new TicketError(1, "E201", "org_code unknown"), Assert.Single(polls[^1].Errors)); // the second record as sent
        Assert.Equal(2, polls[^1].Accepted);
        Assert.Equal(2, _simulator.AcceptedRecords);
    }

    [Fact]
    public async Task SameBatchNumber_AnswersTheExistingTicket()
    {
        using var services = Services();
        var client = services.GetRequiredService<ZjClient>();
        var records = new JArray(NationalPlatformPartner.ToWire(Result("360103-SCJG", 0), Departments.Single(d => d.Code == "360103-SCJG").CreditCode!));

        var first = await client.SubmitAsync("RESULT", "360000-RESULT-20250613-0001", records, TestContext.Current.CancellationToken);
        var again = await client.SubmitAsync("RESULT", "360000-RESULT-20250613-0001", records, TestContext.Current.CancellationToken);

        Assert.False(first.Existing);
        Assert.True(again.Existing);
        Assert.Equal(first.Ticket, again.Ticket);
        Assert.Equal("DONE", (await client.WaitAsync(first.Ticket, TestContext.Current.CancellationToken)).Status); // the replay command still waits
    }

    [Fact]
    public async Task WrongSecret_Is401()
    {
        using var services = Services(secret: "wrong");

        var ex = await Assert.ThrowsAsync<PartnerException>(() => services.GetRequiredService<ZjClient>().SubmitAsync("RESULT", "b-1", [], TestContext.Current.CancellationToken));

        Assert.Equal("401", ex.PartnerCode);
    }

    [Fact]
    public async Task TasksDown_AreReadPageByPage_UntilTheCursorEnds_AndTheBadOneIsRefusedWithItsField()
    {
        using var services = Services();
        var source = new NationalPlatformTaskSource(services.GetRequiredService<ZjClient>(), TimeProvider.System);

        var pulled = new List<PulledRecord<InspectionTask>>();
        await foreach (var record in source.PullAsync(updatedSince: TimeProvider.System.GetUtcNow(), TestContext.Current.CancellationToken))
        {
            pulled.Add(record);
        }

        Assert.Equal(_simulator.Tasks.Select(t => (string)t["task_no"]!), pulled.Select(p => p.Key)); // updatedSince changes nothing: the whole list
        Assert.Equal((_simulator.Tasks.Count + NationalPlatformSimulator.TasksPerPage - 1) / NationalPlatformSimulator.TasksPerPage, _simulator.TaskPagesServed);
        Assert.Equal("page 2, item 1", pulled[2].Location);
        Assert.All(pulled[..^1], p => Assert.True(p.Accepted, string.Join("; ", p.Errors.Select(e => $"{e.Field}: {e.Reason}"))));
        Assert.All(pulled[..^1], p => Assert.Equal(("ZJ", "ZJ/tasks"), (p.Record!.Provenance.Partner, p.Record.Provenance.Exchange)));
        var refused = pulled[^1];
        Assert.False(refused.Accepted);
        Assert.Equal(nameof(InspectionTask.WindowEnd), Assert.Single(refused.Errors).Field);
        using var again = new NationalPlatformSimulator(Departments.Where(d => d.Code != "360104-SCJG").Select(d => d.CreditCode!));
        Assert.Equal(_simulator.Tasks, again.Tasks, JToken.EqualityComparer); // the seed decides
    }

    [Fact]
    public async Task ManyPolls_ArePaced_AndAllAnswer()
    {
        // The client paces at 4/s with one permit in hand. Proven by a lower bound on the time taken (a loaded machine
        // can only make it slower), not by "no 429 ever": scheduling jitter may bunch two arrivals, and a 429 is then
        // waited out for its Retry-After, never lost.
        using var services = Services();
        var client = services.GetRequiredService<ZjClient>();
        var (ticket, _) = await client.SubmitAsync("RESULT", "b-2", [], TestContext.Current.CancellationToken);
        var started = TimeProvider.System.GetTimestamp();

        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => client.GetTicketAsync(ticket, TestContext.Current.CancellationToken)));

        Assert.All(answers, a => Assert.Equal(ticket, a.Ticket));
        Assert.True(TimeProvider.System.GetElapsedTime(started) >= TimeSpan.FromSeconds(11 * 0.25 * 0.9), "12 polls at 4/s take at least 2.5 s");
    }
}
