namespace ShuangSuiJi.Hub.Access;

/// <summary>How an endpoint treats the department scope; every endpoint that needs a session carries one (AccessTests enforces it).</summary>
internal enum ScopeMode
{
    /// <summary>Filters its records by the account's departments; a record outside answers 404, a department outside 403.</summary>
    Department,

    /// <summary>Deliberately the same for every account: what it serves has no department. The reason says why.</summary>
    ProvinceWide,

    /// <summary>Refused (403) to department-scoped accounts: what it serves carries other departments' records it cannot filter (payloads), or it acts for the whole province.</summary>
    ProvinceAccountsOnly,
}

/// <summary>Endpoint metadata: the endpoint's <see cref="ScopeMode"/> and, for the exemptions, why.</summary>
internal sealed record ScopeRule(ScopeMode Mode, string Reason);
