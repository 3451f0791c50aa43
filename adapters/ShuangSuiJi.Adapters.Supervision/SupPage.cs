using Newtonsoft.Json.Linq;

namespace ShuangSuiJi.Adapters.Supervision;

/// <summary>One page of a SUP list: <c>{"total","pageNo","pageSize","list":[…]}</c>; records stay JSON for the mapping.</summary>
public sealed record SupPage(long Total, int PageNo, int PageSize, IReadOnlyList<JObject> List);
