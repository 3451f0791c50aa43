namespace ShuangSuiJi.Hub.Access;

/// <summary>Declares an endpoint's (or a group's) <see cref="ScopeRule"/>.</summary>
internal static class ScopeRuleExtensions
{
    /// <summary>The endpoint filters by the account's departments (through a <see cref="VisibleDepartments"/> parameter); <paramref name="how"/> names the department a record is filtered by.</summary>
    public static TBuilder ScopedByDepartment<TBuilder>(this TBuilder builder, string how)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ScopeRule(ScopeMode.Department, how));

    /// <summary>A deliberate exemption: the endpoint serves nothing that belongs to a department.</summary>
    public static TBuilder ProvinceWide<TBuilder>(this TBuilder builder, string why)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ScopeRule(ScopeMode.ProvinceWide, why));

    /// <summary>
    /// Refuses department-scoped accounts with 403. An authorization policy (the hub's access rule plus "no
    /// department"), not a filter, so it answers before the body is read: a scoped account learns nothing from
    /// validation errors.
    /// </summary>
    public static TBuilder ProvinceAccountsOnly<TBuilder>(this TBuilder builder, string why)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ScopeRule(ScopeMode.ProvinceAccountsOnly, why))
            .RequireAuthorization(policy => policy
                .AddAuthenticationSchemes(ServiceCollectionExtensions.SessionOrApiKey) // sessions and API keys alike
                .RequireAuthenticatedUser()
                .AddRequirements(new AccessRequirement())
                .RequireAssertion(context => !context.User.HasClaim(c => c.Type == AccessClaims.Department && c.Value.Length > 0)));
}
