using System.Runtime.CompilerServices;
using Newtonsoft.Json.Linq;
using ShuangSuiJi.Adapters.Supervision;
using ShuangSuiJi.Core;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Core.Validation;
using ShuangSuiJi.Exchange;
using ShuangSuiJi.Mappings.Wire;

namespace ShuangSuiJi.Mappings.Supervision;

/// <summary>
/// SUP as a source of one kind: pages <c>pageNo=1,2,…</c> until the total is reached or a page is empty, and yields
/// each record once — SUP sorts by update time and a record changed while paging can appear twice.
/// </summary>
public sealed class SupervisionSource<T>(SupClient client, TimeProvider timeProvider, string resource, string keyField, Func<JObject, string, CanonicalValidator, PulledRecord<T>> map)
    : IRecordSource<T>
    where T : class
{
    public string Partner => SupClient.Partner;

    public async IAsyncEnumerable<PulledRecord<T>> PullAsync(DateTimeOffset? updatedSince, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var validator = new CanonicalValidator(ChinaTime.Today(timeProvider));
        var keyFields = keyField.Split('|');
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var page = 1; ; page++)
        {
            var result = await client.GetPageAsync(resource, page, updatedSince, cancellationToken);
            if (result.List.Count == 0)
            {
                yield break;
            }

            for (var i = 0; i < result.List.Count; i++)
            {
                var json = result.List[i];
                if (!seen.Add($"{string.Join('|', keyFields.Select(f => WireText.Key(json[f])))}|{WireText.Key(json["GXSJ"])}"))
                {
                    continue;
                }

                yield return map(json, $"page {page}, record {i + 1}", validator);
            }

            // Pages are positional: once page × size covers the total, the last page has been read (repeats included).
            if ((long)page * Math.Max(1, result.PageSize) >= result.Total)
            {
                yield break;
            }
        }
    }
}

/// <summary>The SUP sources by kind.</summary>
public static class SupervisionSources
{
    public static IRecordSource<Department> Departments(SupClient client, TimeProvider timeProvider) =>
        new SupervisionSource<Department>(client, timeProvider, "departments", "BMBM", SupervisionRegister.Department);

    public static IRecordSource<Inspector> Inspectors(SupClient client, TimeProvider timeProvider) =>
        new SupervisionSource<Inspector>(client, timeProvider, "inspectors", "ZFZH", SupervisionRegister.Inspector);

    /// <summary>Plans with their review state; SUP changes GXSJ when it reviews one.</summary>
    public static IRecordSource<Plan> Plans(SupClient client, TimeProvider timeProvider) =>
        new SupervisionSource<Plan>(client, timeProvider, "plans", "JHBM", SupervisionRegister.Plan);

    public static IRecordSource<User> Users(SupClient client, TimeProvider timeProvider) =>
        new SupervisionSource<User>(client, timeProvider, "users", "DLZH", SupervisionRegister.User);

    public static IRecordSource<InspectionItem> Items(SupClient client, TimeProvider timeProvider) =>
        new SupervisionSource<InspectionItem>(client, timeProvider, "items", "SXBM", SupervisionRegister.Item);

    public static IRecordSource<Evaluation> Evaluations(SupClient client, TimeProvider timeProvider) =>
        new SupervisionSource<Evaluation>(client, timeProvider, "evaluations", "PJID", SupervisionRegister.Evaluation);

    /// <summary>The progress of drawn tasks as SUP reports it: status (ZT) and warning light (YJDJ).</summary>
    public static IRecordSource<TaskProgress> Tasks(SupClient client, TimeProvider timeProvider) =>
        new SupervisionSource<TaskProgress>(client, timeProvider, "tasks", "RWBH", SupervisionRegister.TaskProgress);

    /// <summary>Results entered at SUP, read off the page token by token (the busiest SUP pull); the key is task, target and department together.</summary>
    public static IRecordSource<InspectionResult> Results(SupClient client, TimeProvider timeProvider) => new SupervisionResultSource(client, timeProvider);
}

/// <summary>
/// SUP results as <see cref="SupervisionSource{T}"/> pages and dedupes them, but read token by token into
/// <see cref="SupResultWire"/> (no JSON DOM per page), for the busiest of SUP's pulls.
/// </summary>
public sealed class SupervisionResultSource(SupClient client, TimeProvider timeProvider) : IRecordSource<InspectionResult>
{
    public string Partner => SupClient.Partner;

    public async IAsyncEnumerable<PulledRecord<InspectionResult>> PullAsync(DateTimeOffset? updatedSince, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var validator = new CanonicalValidator(ChinaTime.Today(timeProvider));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var page = 1; ; page++)
        {
            var result = await client.GetPageAsync("results", page, updatedSince, SupResultWire.Read, cancellationToken);
            if (result.List.Count == 0)
            {
                yield break;
            }

            for (var i = 0; i < result.List.Count; i++)
            {
                var wire = result.List[i];
                if (!seen.Add($"{wire.Rwbh}|{wire.Tyshxydm}|{wire.Bmbm}|{wire.Gxsj}"))
                {
                    continue;
                }

                yield return SupervisionRegister.Result(wire, $"page {page}, record {i + 1}", validator);
            }

            if ((long)page * Math.Max(1, result.PageSize) >= result.Total)
            {
                yield break;
            }
        }
    }
}
