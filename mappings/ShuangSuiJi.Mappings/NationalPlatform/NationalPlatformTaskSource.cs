using System.Runtime.CompilerServices;
using ShuangSuiJi.Adapters.NationalPlatform;
using ShuangSuiJi.Core;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Core.Validation;
using ShuangSuiJi.Exchange;

namespace ShuangSuiJi.Mappings.NationalPlatform;

/// <summary>
/// ZJ's national and cross-province tasks (<c>GET /tasks</c>), each accepted or refused with its field and reason by
/// <see cref="NationalPlatformRegister.Task"/>. ZJ pages by cursor and offers no <c>updatedSince</c>: every run reads the
/// whole list, whatever the watermark says, and a task ZJ sends unchanged costs the pull a hash compare against its
/// kept copy (PartnerRecords) and nothing more.
/// </summary>
public sealed class NationalPlatformTaskSource(ZjClient client, TimeProvider timeProvider) : IRecordSource<InspectionTask>
{
    public string Partner => ZjClient.Partner;

    /// <param name="updatedSince">Ignored: ZJ's task list cannot be asked for changes only.</param>
    /// <param name="cancellationToken">Stops the read between records.</param>
    public async IAsyncEnumerable<PulledRecord<InspectionTask>> PullAsync(DateTimeOffset? updatedSince, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var validator = new CanonicalValidator(ChinaTime.Today(timeProvider));
        await foreach (var task in client.ReadTasksAsync(cancellationToken))
        {
            yield return NationalPlatformRegister.Task(task.Json, $"page {task.Page}, item {task.Index}", validator, timeProvider.GetUtcNow());
        }
    }
}
