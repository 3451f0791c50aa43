namespace ShuangSuiJi.Adapters.CreditPublicity;

/// <summary>An <c>&lt;entity&gt;</c> of GS's target directory, field for field, as text; the mapping interprets it.</summary>
public sealed record GsEntity
{
    public string Uniscid { get; init; } = "";
    public string Entname { get; init; } = "";
    public string Regno { get; init; } = "";
    public string Enttype { get; init; } = "";
    public string Lerep { get; init; } = "";
    public string Dom { get; init; } = "";
    public string Regorg { get; init; } = "";
    public string Estdate { get; init; } = "";
    public string Regstate { get; init; } = "";
    public string Industryco { get; init; } = "";
    public IReadOnlyList<string> Tags { get; init; } = [];
    public string Modified { get; init; } = "";

    /// <summary>The element as received, for the exchange log and rejected records.</summary>
    public string RawXml { get; init; } = "";
}
