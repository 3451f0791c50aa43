using Newtonsoft.Json.Linq;

namespace ShuangSuiJi.Adapters.Supervision;

/// <summary>One page of a SUP list: <c>{"total","pageNo","pageSize","list":[…]}</c>; records stay JSON for the mapping.</summary>
public sealed record SupPage(long Total, int PageNo, int PageSize, IReadOnlyList<JObject> List);

/// <summary>One page of a SUP list read token by token: its records as the caller's reader made them, no JSON DOM.</summary>
public sealed record SupPage<T>(long Total, int PageNo, int PageSize, IReadOnlyList<T> List);
