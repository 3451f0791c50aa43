using System.Linq.Expressions;
using System.Security.Claims;

namespace ShuangSuiJi.Hub.Access;

/// <summary>
/// The departments the calling account may see, bound per request from its session (an endpoint simply takes a
/// parameter of this type). The one place that turns the department scope into a query filter: every
/// department-bearing list and single-record read goes through <see cref="Filter{T}"/> or <see cref="Allows"/>.
/// </summary>
internal sealed class VisibleDepartments
{
    private static readonly VisibleDepartments Province = new(null, null);

    private readonly string[]? _codes;

    private VisibleDepartments(IReadOnlySet<string>? codes, string? root)
    {
        Codes = codes;
        Root = root;
        _codes = codes?.Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>The visible department codes, or <see langword="null"/> for the whole province.</summary>
    public IReadOnlySet<string>? Codes { get; }

    /// <summary>The account's own department, or <see langword="null"/> for a province-wide account.</summary>
    public string? Root { get; }

    public bool IsProvince => Codes is null;

    public static VisibleDepartments Of(IReadOnlySet<string>? codes, string? root) => codes is null ? Province : new VisibleDepartments(codes, root);

    /// <summary>Minimal APIs bind the parameter through this.</summary>
    public static async ValueTask<VisibleDepartments?> BindAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var scopes = context.RequestServices.GetRequiredService<DepartmentScope>();
        var codes = await scopes.ResolveAsync(context.User, context.RequestAborted);
        return Of(codes, context.User.FindFirstValue(AccessClaims.Department));
    }

    /// <summary>True when the account may see a record of <paramref name="department"/> (a record without one is visible to province accounts only).</summary>
    public bool Allows(string? department) => DepartmentScope.Allows(Codes, department);

    /// <summary>The records whose department (as <paramref name="department"/> reads it) lies in the scope; translated to SQL as <c>IN (…)</c>.</summary>
    public IQueryable<T> Filter<T>(IQueryable<T> source, Expression<Func<T, string?>> department)
    {
        ArgumentNullException.ThrowIfNull(department);
        if (_codes is null)
        {
            return source;
        }

        var codes = _codes; // captured, so the provider sends the codes as a parameter
        Expression<Func<string?, bool>> contains = code => codes.Contains(code);
        var body = new Substitution(contains.Parameters[0], department.Body).Visit(contains.Body);
        return source.Where(Expression.Lambda<Func<T, bool>>(body, department.Parameters));
    }

    private sealed class Substitution(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
