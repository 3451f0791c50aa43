using System.Text;
using System.Xml;
using System.Xml.Linq;
using ShuangSuiJi.Exchange;

namespace ShuangSuiJi.Adapters.CreditPublicity;

/// <summary>
/// GS's XML: the <c>&lt;response&gt;&lt;head&gt;</c> envelope and its codes, read in the encoding the XML declaration
/// states (GB18030 exports say so), whatever the HTTP Content-Type claims.
/// </summary>
public static class GsXml
{
    public const string Partner = "GS";

    /// <summary>Deepest element nesting read from GS.</summary>
    public const int MaxDepth = 32;

    static GsXml() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Parses an envelope from raw bytes; throws <see cref="PartnerException"/> for any code but 0.</summary>
    public static XElement Body(byte[] bytes, string operation)
    {
        var root = Root(bytes, operation);
        var head = root.Element("head");
        var code = head?.Element("code")?.Value.Trim() ?? "";
        var message = head?.Element("message")?.Value ?? "";
        if (code != "0")
        {
            throw new PartnerException(Partner, operation, code.Length == 0 ? "no-code" : code, message, retryable: code is "90" or "");
        }

        return root.Element("body") ?? new XElement("body");
    }

    /// <summary>The document's root element, read safely in its declared encoding.</summary>
    public static XElement Root(byte[] bytes, string operation)
    {
        XDocument document;
        try
        {
            // XmlReader honours the declared encoding; DTDs are refused (no entity expansion, no external entities).
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
            using (var scan = XmlReader.Create(new MemoryStream(bytes), settings))
            {
                // A first pass that only counts depth: a partner's page is four levels deep, and 100,000 nested
                // elements make XDocument's text reads quadratic (minutes of CPU for one page).
                while (scan.Read())
                {
                    if (scan.Depth > MaxDepth)
                    {
                        throw new PartnerException(Partner, operation, "malformed", $"the response nests elements deeper than {MaxDepth} (line {((IXmlLineInfo)scan).LineNumber})", retryable: false);
                    }
                }
            }

            using var stream = new MemoryStream(bytes);
            using var reader = XmlReader.Create(stream, settings);
            document = XDocument.Load(reader);
        }
        catch (XmlException ex)
        {
            throw new PartnerException(Partner, operation, "malformed", $"the response is not well-formed XML: {ex.Message}", retryable: true, ex);
        }

        return document.Root ?? throw new PartnerException(Partner, operation, "malformed", "the response has no root element", retryable: true);
    }

    public static GsPage EntitiesPage(byte[] bytes, int page)
    {
        var body = Body(bytes, "entities");
        var total = long.TryParse(body.Element("total")?.Value, out var t) ? t : 0;
        var entities = body.Elements("entity").Select(e => new GsEntity
        {
            Uniscid = Text(e, "uniscid"),
            Entname = Text(e, "entname"),
            Regno = Text(e, "regno"),
            Enttype = Text(e, "enttype"),
            Lerep = Text(e, "lerep"),
            Dom = Text(e, "dom"),
            Regorg = Text(e, "regorg"),
            Estdate = Text(e, "estdate"),
            Regstate = Text(e, "regstate"),
            Industryco = Text(e, "industryco"),
            Tags = [.. (e.Element("tags")?.Elements("tag") ?? []).Select(x => x.Value)],
            Modified = Text(e, "modified"),
            RawXml = e.ToString(SaveOptions.DisableFormatting),
        }).ToList();
        return new GsPage(page, total, entities);
    }

    /// <summary>A page of GS's copy of the inspector roster.</summary>
    public static (long Total, IReadOnlyList<GsInspector> Inspectors) InspectorsPage(byte[] bytes)
    {
        var body = Body(bytes, "inspectors");
        var total = long.TryParse(body.Element("total")?.Value, out var t) ? t : 0;
        return (total, [.. body.Elements("inspector").Select(e => new GsInspector
        {
            Certno = Text(e, "certno"),
            Name = Text(e, "name"),
            Orgcode = Text(e, "orgcode"),
            Specialty = Text(e, "specialty"),
            Validto = Text(e, "validto"),
            Status = Text(e, "status"),
            RawXml = e.ToString(SaveOptions.DisableFormatting),
        })]);
    }

    private static string Text(XElement entity, string name) => entity.Element(name)?.Value ?? "";
}
