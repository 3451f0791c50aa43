namespace ShuangSuiJi.Adapters.CreditPublicity;

/// <summary>One page of the entity export.</summary>
public sealed record GsPage(int Page, long Total, IReadOnlyList<GsEntity> Entities)
{
    /// <summary>The page size asked for: pages are positional, so page × size ≥ total means the last page was read.</summary>
    public int Size { get; init; }
}
