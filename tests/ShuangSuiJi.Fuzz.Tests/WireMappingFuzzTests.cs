using System.Xml;
using Microsoft.Extensions.Time.Testing;
using Newtonsoft.Json;
using ShuangSuiJi.Exchange;
using ShuangSuiJi.Mappings.Wire;

namespace ShuangSuiJi.Fuzz.Tests;

/// <summary>
/// Every inbound partner mapping (the same register code the pulls use) fed mutations of its golden payload: each
/// input gives records, each refused one with its reasons, or a typed error for the whole payload; never another
/// exception.
/// </summary>
public sealed class WireMappingFuzzTests
{
    internal static readonly WireContext Context = new(new FakeTimeProvider(new DateTimeOffset(2025, 8, 1, 9, 0, 0, TimeSpan.FromHours(8))));

    public static TheoryData<string, string> Inbound => [.. WireMappings.All.Where(m => m.Direction == WireDirection.In).Select(m => (m.Partner, m.Kind))];

    /// <summary>What "a clear error for the whole payload" is: the partner's typed error, or a syntax error with its line and position.</summary>
    internal static bool Typed(Exception ex) => ex is PartnerException or JsonReaderException or XmlException or InvalidDataException;

    [Theory]
    [MemberData(nameof(Inbound))]
    public async Task MutatedGoldenPayload_GivesRefusedRecordsOrATypedError_NeverACrash(string partner, string kind)
    {
        var mapping = WireMappings.Find(partner, kind, WireDirection.In) ?? throw new InvalidOperationException($"no {partner}/{kind}");
        var golden = Golden.Read(partner, mapping.FileName);
        var corpus = new List<byte[]> { golden, golden };
        corpus.AddRange(Golden.All(mapping.Extension).Take(4));
        var outcome = new FuzzOutcome($"{partner}/{kind} ({mapping.Extension})");

        foreach (var (i, input) in FuzzBudget.Inputs(Mutations.Of(corpus, json: mapping.Extension == "json"), $"{partner}/{kind}"))
        {
            await outcome.TryAsync(i, input, async bytes =>
            {
                var records = await mapping.ReadAsync!(bytes, Context, TestContext.Current.CancellationToken); // inbound mappings read
                Assert.All(records.Where(r => r.Refused), r => Assert.NotEmpty(r.Errors));
                return (records.Count, records.Count(r => r.Refused));
            }, Typed);
        }

        outcome.Report();
    }
}
