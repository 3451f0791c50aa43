using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using ShuangSuiJi.Adapters.CreditPublicity;
using ShuangSuiJi.Core;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Core.Validation;
using ShuangSuiJi.Exchange;

namespace ShuangSuiJi.Mappings.CreditPublicity;

/// <summary>
/// GS's copy of the inspector roster as canonical inspectors: the certificate number gets back its province
/// character (the crosswalk of contracts/README.md), specialty splits on commas (ASCII or full-width), status
/// 01 on duty / 02 transferred / 03 retired. GS sends no ID numbers and no recusal scope.
/// </summary>
public sealed class CreditPublicityInspectorSource(GsClient client, IOptions<GsOptions> options, TimeProvider timeProvider) : IRecordSource<Inspector>
{
    public string Partner => GsXml.Partner;

    public async IAsyncEnumerable<PulledRecord<Inspector>> PullAsync(DateTimeOffset? updatedSince, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var validator = new CanonicalValidator(ChinaTime.Today(timeProvider));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var page = 1; ; page++)
        {
            var (total, inspectors, size) = await client.GetInspectorsAsync(page, cancellationToken);
            if (inspectors.Count == 0)
            {
                yield break;
            }

            for (var i = 0; i < inspectors.Count; i++)
            {
                if (seen.Add(inspectors[i].Certno))
                {
                    yield return ToCanonical(inspectors[i], options.Value.CertificatePrefix, $"page {page}, inspector {i + 1}", validator, timeProvider.GetUtcNow());
                }
            }

            if ((long)page * size >= total)
            {
                yield break;
            }
        }
    }

    public static PulledRecord<Inspector> ToCanonical(GsInspector g, string prefix, string location, CanonicalValidator validator, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(g);
        ArgumentNullException.ThrowIfNull(validator);
        var errors = new List<FieldError>();
        var status = g.Status switch
        {
            "01" => InspectorStatus.OnDuty,
            "02" => InspectorStatus.Transferred,
            "03" => InspectorStatus.Retired,
            _ => (InspectorStatus)0,
        };
        if (status == 0)
        {
            errors.Add(new FieldError(nameof(Inspector.Status), $"status '{g.Status}' is not 01, 02 or 03"));
        }

        if (!DateOnly.TryParseExact(g.Validto, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var validTo))
        {
            errors.Add(new FieldError(nameof(Inspector.CertificateValidTo), $"validto '{g.Validto}' is not yyyyMMdd"));
        }

        var inspector = new Inspector
        {
            CertificateNumber = prefix + g.Certno.Trim(),
            Name = g.Name,
            DepartmentCode = g.Orgcode,
            CertificateValidTo = validTo,
            Expertise = [.. g.Specialty.Split([',', '，'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
            Status = status,
            Provenance = new Provenance(GsXml.Partner, "GS/inspectors", receivedAt),
        };
        if (errors.Count == 0)
        {
            errors.AddRange(validator.Validate(inspector));
        }

        return new PulledRecord<Inspector>(errors.Count == 0 ? inspector : null, inspector.CertificateNumber, location, g.RawXml, errors);
    }
}
