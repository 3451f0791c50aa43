namespace ShuangSuiJi.Hub.Apis;

/// <summary>One page of records and where it sits in the whole.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, long Total)
{
    public long TotalPages => (Total + PageSize - 1) / PageSize;
}
