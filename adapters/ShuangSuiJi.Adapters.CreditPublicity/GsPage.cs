namespace ShuangSuiJi.Adapters.CreditPublicity;

/// <summary>One page of the entity export.</summary>
public sealed record GsPage(int Page, long Total, IReadOnlyList<GsEntity> Entities);
