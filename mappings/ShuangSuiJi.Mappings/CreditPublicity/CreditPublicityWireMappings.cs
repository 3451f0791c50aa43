using System.Text;
using System.Xml.Linq;
using Mapster;
using Microsoft.Extensions.DependencyInjection;
using ShuangSuiJi.Adapters.CreditPublicity;
using ShuangSuiJi.Core;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Core.Validation;
using ShuangSuiJi.Exchange;
using ShuangSuiJi.Exchange.Events;
using ShuangSuiJi.Mappings.Wire;

namespace ShuangSuiJi.Mappings.CreditPublicity;

/// <summary>
/// GS's kinds as files (contracts/GS.md): the entity export and the roster copy in, as GS pages them (the
/// <c>&lt;response&gt;</c> envelope, in the encoding the XML declares); draws and notices out, one document per POST,
/// several in a file under a <c>&lt;draws&gt;</c> or <c>&lt;notices&gt;</c> root.
/// </summary>
public static class CreditPublicityWireMappings
{
    private const string BasePath = "/gsxt/dsj/";

    private static readonly TypeAdapterConfig Config = Configure();

    public static IEnumerable<WireMapping> All =>
    [
        new()
        {
            Partner = GsXml.Partner,
            Kind = "targets",
            Aliases = ["target", "entities"],
            Direction = WireDirection.In,
            Extension = "xml",
            Description = "GET /entities → Target (renders back with --reverse)",
            ReadAsync = (payload, context, _) =>
            {
                var validator = new CanonicalValidator(ChinaTime.Today(context.Clock));
                var page = GsXml.EntitiesPage(payload, 1);
                return Task.FromResult<IReadOnlyList<MappedRecord>>([.. page.Entities.Select((e, i) =>
                    MappedRecord.From(CreditPublicityRegister.ToCanonical(e, $"entity {i + 1}", validator, context.Clock.GetUtcNow())))]);
            },
            Render = (canonical, _) => new RenderedWire(Document(EntitiesPage(CanonicalJson.ReadArray<Target>(canonical))), []),
        },
        new()
        {
            Partner = GsXml.Partner,
            Kind = "inspectors",
            Direction = WireDirection.In,
            Extension = "xml",
            Description = "GET /inspectors (GS's roster copy) → Inspector (certno gets its province character back)",
            ReadAsync = (payload, context, _) =>
            {
                var validator = new CanonicalValidator(ChinaTime.Today(context.Clock));
                var (_, inspectors) = GsXml.InspectorsPage(payload);
                return Task.FromResult<IReadOnlyList<MappedRecord>>([.. inspectors.Select((g, i) =>
                    MappedRecord.From(CreditPublicityInspectorSource.ToCanonical(g, context.CertificatePrefix, $"inspector {i + 1}", validator, context.Clock.GetUtcNow())))]);
            },
        },
        Out<DrawPublication>("draws", "DrawPublication → POST /draws (commitment, seed, drawn targets)", CreditPublicityPublisher.Draw, async (client, xml, ct) =>
        {
            await client.PostDrawAsync(xml, ct);
            return "published";
        }),
        Out<ResultRecorded>("notices", "ResultRecorded → POST /notices (one result made public)", r => CreditPublicityPublisher.Notice(r.Result, r.TargetName), async (client, xml, ct) =>
        {
            var (id, duplicate) = await client.PostNoticeAsync(xml, ct);
            return duplicate ? $"published before as {id} (code 30, duplicate)" : $"published as {id}";
        }),
    ];

    /// <summary>Targets as the entity export GS would page them (one page, the whole list).</summary>
    public static XElement EntitiesPage(IReadOnlyList<Target> targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        return new XElement("response",
            new XElement("head", new XElement("code", "0"), new XElement("message", "成功")),
            new XElement("body", new XElement("total", targets.Count), targets.Select(t => Entity(t.Adapt<GsEntity>(Config)))));
    }

    private static XElement Entity(GsEntity e) => new("entity",
        new XElement("uniscid", e.Uniscid), new XElement("entname", e.Entname), new XElement("regno", e.Regno), new XElement("enttype", e.Enttype),
        new XElement("lerep", e.Lerep), new XElement("dom", e.Dom), new XElement("regorg", e.Regorg), new XElement("estdate", e.Estdate),
        new XElement("regstate", e.Regstate), new XElement("industryco", e.Industryco), new XElement("tags", e.Tags.Select(t => new XElement("tag", t))),
        new XElement("modified", e.Modified));

    private static TypeAdapterConfig Configure()
    {
        var config = new TypeAdapterConfig();
        new CreditPublicityRegister().Register(config);
        return config;
    }

    private static string Document(XElement root) => "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + root.ToString().ReplaceLineEndings("\n") + "\n";

    private static WireMapping Out<T>(string kind, string description, Func<T, XElement> toWire, Func<GsClient, string, CancellationToken, Task<string>> send) => new()
    {
        Partner = GsXml.Partner,
        Kind = kind,
        Direction = WireDirection.Out,
        Extension = "xml",
        Description = description,
        Render = (canonical, _) => new RenderedWire(Document(new XElement(kind, CanonicalJson.ReadArray<T>(canonical).Select(toWire))), []),
        Replay = new WireReplay(BasePath, (services, configuration) => services.AddCreditPublicityAdapter(configuration), async (services, wire, ct) =>
        {
            var client = services.GetRequiredService<GsClient>();
            var root = GsXml.Root(Encoding.UTF8.GetBytes(wire), kind);
            var documents = root.Name.LocalName == kind ? [.. root.Elements()] : new List<XElement> { root }; // one document per POST; the file's indentation is not sent
            var lines = new List<string>();
            var refused = 0;
            for (var i = 0; i < documents.Count; i++)
            {
                try
                {
                    lines.Add($"{documents[i].Name.LocalName} {i + 1}: {await send(client, XElement.Parse(documents[i].ToString()).ToString(SaveOptions.DisableFormatting), ct)}");
                }
                catch (PartnerException ex)
                {
                    refused++;
                    lines.Add($"{documents[i].Name.LocalName} {i + 1}: {(ex.Retryable ? "failed" : "refused")} {ex.PartnerCode} {ex.PartnerMessage}");
                }
            }

            return new ReplayOutcome(lines, refused);
        }),
    };
}
