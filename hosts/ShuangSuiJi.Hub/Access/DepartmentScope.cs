using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using ShuangSuiJi.Storage;

namespace ShuangSuiJi.Hub.Access;

/// <summary>
/// Which departments a signed-in account may see: an account with a department sees that department and every
/// department below it (by <c>ParentCode</c>); an account without one sees the whole province. Endpoints take the
/// answer as a <see cref="VisibleDepartments"/> parameter and filter with it.
/// </summary>
/// <remarks>
/// The department tree is read from the store at most once per <see cref="TreeLifetime"/> per hub process, not per
/// request; <see cref="Invalidate"/> drops it at once where this process writes departments. A department added by
/// another process (a pull on another instance) widens a scope within the lifetime; a scope's own root department
/// is always visible, tree or no tree.
/// </remarks>
internal sealed class DepartmentScope(HubDbContextFactory stores, IMemoryCache cache)
{
    /// <summary>How long the department tree is kept before it is read again.</summary>
    public static readonly TimeSpan TreeLifetime = TimeSpan.FromSeconds(30);

    private const string TreeKey = "ssj:department-tree";

    /// <summary>The visible department codes, or <see langword="null"/> for no restriction.</summary>
    public async Task<IReadOnlySet<string>?> ResolveAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (user.FindFirstValue(AccessClaims.Department) is not { Length: > 0 } root)
        {
            return null;
        }

        var children = await cache.GetOrCreateAsync(TreeKey, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TreeLifetime;
            await using var db = stores.CreateDbContext();
            var edges = await db.Departments.AsNoTracking().Where(d => d.ParentCode != null).Select(d => new { d.Code, d.ParentCode }).ToListAsync(cancellationToken);
            return edges.ToLookup(e => e.ParentCode!, e => e.Code, StringComparer.Ordinal); // ParentCode is not null by the Where above.
        });
        var scope = new HashSet<string>(StringComparer.Ordinal) { root };
        var pending = new Queue<string>([root]);
        while (pending.TryDequeue(out var code))
        {
            foreach (var child in children?[code] ?? [])
            {
                if (scope.Add(child))
                {
                    pending.Enqueue(child);
                }
            }
        }

        return scope;
    }

    /// <summary>Drops the cached tree, so the next request reads the departments again.</summary>
    public void Invalidate() => cache.Remove(TreeKey);

    /// <summary>True when the account may see <paramref name="department"/>.</summary>
    public static bool Allows(IReadOnlySet<string>? scope, string? department) => scope is null || (department is not null && scope.Contains(department));
}
