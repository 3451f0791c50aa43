namespace ShuangSuiJi.Adapters.CreditPublicity;

/// <summary>An <c>&lt;inspector&gt;</c> of GS's roster copy, as text: certno without the province character, specialty comma list, validto yyyyMMdd, status 01/02/03.</summary>
public sealed record GsInspector
{
    public string Certno { get; init; } = "";
    public string Name { get; init; } = "";
    public string Orgcode { get; init; } = "";
    public string Specialty { get; init; } = "";
    public string Validto { get; init; } = "";
    public string Status { get; init; } = "";
    public string RawXml { get; init; } = "";
}
