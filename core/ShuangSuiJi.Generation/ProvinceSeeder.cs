using Microsoft.EntityFrameworkCore;
using ShuangSuiJi.Storage;
using ShuangSuiJi.Storage.Loading;

namespace ShuangSuiJi.Generation;

/// <summary>Loads a generated province into the store, kind by kind, streaming the targets.</summary>
public sealed class ProvinceSeeder(HubDbContextFactory factory, BulkLoader loader)
{
    /// <summary>Whether the store holds no targets and no departments yet.</summary>
    public async Task<bool> IsEmptyAsync(CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        return !await db.Departments.AnyAsync(cancellationToken) && !await db.Targets.AnyAsync(cancellationToken);
    }

    /// <summary>Loads every kind the generator makes. Reports (kind, rows so far) as it goes.</summary>
    public async Task<IReadOnlyList<LoadSummary>> SeedAsync(ProvinceGenerator generator, IProgress<(string Kind, long Rows)>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(generator);
        var summaries = new List<LoadSummary>
        {
            await Load("Department", generator.Departments()),
            await Load("User", generator.Users()),
            await Load("InspectionItem", generator.Items()),
            await Load("Inspector", generator.Inspectors()),
            await Load("Target", generator.Targets()),
            await Load("Plan", generator.Plans()),
            await Load("InspectionTask", generator.Tasks()),
            await Load("InspectionResult", generator.Results()),
            await Load("Evaluation", generator.Evaluations()),
        };
        return summaries;

        Task<LoadSummary> Load<T>(string kind, IEnumerable<T> records)
            where T : class =>
            loader.LoadAsync(records, progress is null ? null : new KindProgress(kind, progress), cancellationToken);
    }

    /// <summary>Reports synchronously, in order: <see cref="Progress{T}"/> would post to the thread pool and could report after the load ended.</summary>
    private sealed class KindProgress(string kind, IProgress<(string Kind, long Rows)> inner) : IProgress<long>
    {
        public void Report(long value) => inner.Report((kind, value));
    }
}
