using Microsoft.EntityFrameworkCore;
using ShuangSuiJi.Hub.Access;
using ShuangSuiJi.Reconciliation;
using ShuangSuiJi.Storage;

namespace ShuangSuiJi.Hub.Apis;

/// <summary>
/// Which reconciliation items a department-scoped account sees: those whose key is a hub record of its departments.
/// An item the hub holds no record of (missing on the hub's side, or a pair of two partners whose record the hub
/// lacks) has no department the hub can vouch for and is seen by province accounts only; so is any kind not named
/// here. Targets are province-wide, as their list is.
/// </summary>
internal static class ReconciliationScope
{
    /// <summary>Kinds (by their configured name) that belong to no department.</summary>
    public static readonly IReadOnlySet<string> ProvinceWideKinds = new HashSet<string>(["target"], StringComparer.OrdinalIgnoreCase);

    /// <summary>The keys the account may see for <paramref name="kind"/>, or <see langword="null"/> for all of them.</summary>
    public static IQueryable<string>? VisibleKeys(HubDbContext db, VisibleDepartments visible, string kind)
    {
        if (visible.IsProvince || ProvinceWideKinds.Contains(kind))
        {
            return null;
        }

        return kind.ToUpperInvariant() switch
        {
            "INSPECTOR" => visible.Filter(db.Inspectors, i => i.DepartmentCode).Select(i => i.CertificateNumber),
            "RESULT" => visible.Filter(db.Results, r => r.DepartmentCode).Select(r => r.TaskNumber + "|" + r.TargetCreditCode + "|" + r.DepartmentCode),
            "CASELEAD" => visible.Filter(db.Results, r => r.DepartmentCode).Where(r => r.CaseLeadNumber != null).Select(r => r.CaseLeadNumber!), // not null by the Where
            "EVALUATION" => visible.Filter(db.Evaluations, v => v.DepartmentCode).Select(v => v.Id),
            "DEPARTMENT" => visible.Filter(db.Departments, d => d.Code).Select(d => d.Code),
            "TASK" => visible.Filter(db.Tasks, t => t.InitiatingDepartmentCode).Select(t => t.TaskNumber),
            _ => db.Departments.Where(_ => false).Select(d => d.Code),
        };
    }

    /// <summary>The item list's key filter for the account, or <see langword="null"/> when it sees every item of the kind.</summary>
    public static Func<HubDbContext, IQueryable<string>>? KeyFilter(VisibleDepartments visible, string kind) =>
        visible.IsProvince || ProvinceWideKinds.Contains(kind) ? null : db => VisibleKeys(db, visible, kind)!; // not null: both null cases are answered above

    /// <summary>Whether the account may see the item of <paramref name="kind"/> with the (normalised) <paramref name="key"/>.</summary>
    public static async Task<bool> AllowsAsync(HubDbContext db, VisibleDepartments visible, string kind, string key, CancellationToken cancellationToken)
    {
        if (VisibleKeys(db, visible, kind) is not { } keys)
        {
            return true;
        }

        var normalised = Normalization.Key(key);
        return await keys.AnyAsync(k => k == normalised, cancellationToken);
    }
}
