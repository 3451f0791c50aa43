namespace ShuangSuiJi.Storage.Exchanges;

/// <summary>How far a scheduled pull has safely got: advanced only after what it covers is stored.</summary>
public sealed class Watermark
{
    /// <summary>The pull resource, for example <c>GS/targets</c>.</summary>
    public required string Name { get; set; }

    /// <summary>An ISO 8601 instant or date, or a partner cursor.</summary>
    public required string Value { get; set; }

    public required DateTimeOffset UpdatedAt { get; set; }
}
