using System.Runtime.CompilerServices;
using ShuangSuiJi.Adapters.CreditPublicity;
using ShuangSuiJi.Core;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Core.Validation;
using ShuangSuiJi.Exchange;

namespace ShuangSuiJi.Mappings.CreditPublicity;

/// <summary>
/// GS as a source of targets: pages through the entity export until the pages cover the reported total (or a
/// page comes back empty), maps each entity, and yields accepted and refused records alike. A record repeated across
/// pages (GS's paging is not stable under change) is yielded once.
/// </summary>
public sealed class CreditPublicityTargetSource(GsClient client, TimeProvider timeProvider) : ITargetSource
{
    public string Partner => GsXml.Partner;

    public async IAsyncEnumerable<PulledRecord<Target>> PullTargetsAsync(DateTimeOffset? modifiedSince, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var validator = new CanonicalValidator(ChinaTime.Today(timeProvider));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var page = 1; ; page++)
        {
            var result = await client.GetEntitiesAsync(modifiedSince, page, cancellationToken);
            if (result.Entities.Count == 0)
            {
                yield break;
            }

            for (var i = 0; i < result.Entities.Count; i++)
            {
                var entity = result.Entities[i];
                if (!seen.Add(entity.Uniscid + "|" + entity.Modified))
                {
                    continue;
                }

                yield return CreditPublicityRegister.ToCanonical(entity, $"page {page}, entity {i + 1}", validator, timeProvider.GetUtcNow());
            }

            // Pages are positional: once page × size covers the total, the last page has been read (repeats included).
            if ((long)page * Math.Max(1, result.Size) >= result.Total)
            {
                yield break;
            }
        }
    }
}
