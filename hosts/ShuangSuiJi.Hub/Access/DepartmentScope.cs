using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ShuangSuiJi.Storage;

namespace ShuangSuiJi.Hub.Access;

/// <summary>
/// Which departments a signed-in account may see: an account with a department sees that department and every
/// department below it (by <c>ParentCode</c>); an account without one sees the whole province. Every endpoint
/// that lists department-bearing records asks here.
/// </summary>
internal sealed class DepartmentScope(HubDbContextFactory stores)
{
    /// <summary>The visible department codes, or <see langword="null"/> for no restriction.</summary>
    public async Task<IReadOnlySet<string>?> ResolveAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (user.FindFirstValue(AccessClaims.Department) is not { Length: > 0 } root)
        {
            return null;
        }

        await using var db = stores.CreateDbContext();
        var edges = await db.Departments.AsNoTracking().Where(d => d.ParentCode != null).Select(d => new { d.Code, d.ParentCode }).ToListAsync(cancellationToken);
        var children = edges.ToLookup(e => e.ParentCode!, e => e.Code, StringComparer.Ordinal); // ParentCode is not null by the Where above.
        var scope = new HashSet<string>(StringComparer.Ordinal) { root };
        var pending = new Queue<string>([root]);
        while (pending.TryDequeue(out var code))
        {
            foreach (var child in children[code])
            {
                if (scope.Add(child))
                {
                    pending.Enqueue(child);
                }
            }
        }

        return scope;
    }

    /// <summary>True when the account may see <paramref name="department"/>.</summary>
    public static bool Allows(IReadOnlySet<string>? scope, string department) => scope is null || scope.Contains(department);
}
