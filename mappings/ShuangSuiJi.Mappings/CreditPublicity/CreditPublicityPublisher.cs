using System.Globalization;
using System.Xml.Linq;
using ShuangSuiJi.Adapters.CreditPublicity;
using ShuangSuiJi.Core;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Exchange;

namespace ShuangSuiJi.Mappings.CreditPublicity;

/// <summary>
/// GS as the place results and draws are made public: canonical → <c>&lt;notice&gt;</c> and <c>&lt;draw&gt;</c>; a
/// notice withdrawn by its notice id (信用修复).
/// </summary>
public sealed class CreditPublicityPublisher(GsClient client) : IResultSink, IDrawSink, IPublicityWithdrawalSink
{
    /// <summary>GS writes methods as words, the professional-body check as 专业机构核查.</summary>
    public static readonly IReadOnlyDictionary<CheckMethod, string> MethodWords = new Dictionary<CheckMethod, string>
    {
        [CheckMethod.OnSite] = "现场检查",
        [CheckMethod.Documentary] = "书面检查",
        [CheckMethod.Online] = "网络检查",
        [CheckMethod.ProfessionalBody] = "专业机构核查",
    };

    public string Partner => GsXml.Partner;

    public static XElement Notice(InspectionResult result, string targetName)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new XElement("notice",
            new XElement("taskno", result.TaskNumber),
            new XElement("uniscid", result.TargetCreditCode),
            new XElement("entname", targetName),
            new XElement("orgcode", result.DepartmentCode),
            new XElement("result", CreditPublicityCodes.Code(result.Outcome)),
            new XElement("detail", result.Findings),
            new XElement("checkdate", result.InspectedOn.ToString("yyyyMMdd", CultureInfo.InvariantCulture)),
            new XElement("method", MethodWords[result.Method]));
    }

    public static XElement Draw(DrawPublication draw)
    {
        ArgumentNullException.ThrowIfNull(draw);
        return new XElement("draw",
            new XElement("taskno", draw.TaskNumber),
            new XElement("taskname", draw.TaskName),
            new XElement("orgcode", draw.DepartmentCode),
            new XElement("drawtime", draw.DrawnAt.ToOffset(ChinaTime.Offset).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)),
            new XElement("commitment", draw.SeedCommitment),
            new XElement("seed", draw.Seed),
            new XElement("targets", draw.Targets.Select(t => new XElement("target", new XAttribute("uniscid", t.CreditCode), new XAttribute("entname", t.Name)))));
    }

    public async Task<PartnerReceipt> PublishResultAsync(InspectionResult result, string targetName, CancellationToken cancellationToken)
    {
        var (id, duplicate) = await client.PostNoticeAsync(Notice(result, targetName).ToString(SaveOptions.DisableFormatting), cancellationToken);
        return new PartnerReceipt(id, duplicate);
    }

    public async Task<PartnerReceipt> PublishDrawAsync(DrawPublication draw, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draw);
        await client.PostDrawAsync(Draw(draw).ToString(SaveOptions.DisableFormatting), cancellationToken);
        return new PartnerReceipt(draw.TaskNumber, Duplicate: false);
    }

    /// <summary>The partner reference is the notice id GS answered when the result was published.</summary>
    public async Task<PartnerReceipt> WithdrawAsync(PublicityWithdrawal withdrawal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(withdrawal);
        await client.WithdrawNoticeAsync(withdrawal.PartnerReference, cancellationToken);
        return new PartnerReceipt(withdrawal.PartnerReference, Duplicate: false);
    }
}
