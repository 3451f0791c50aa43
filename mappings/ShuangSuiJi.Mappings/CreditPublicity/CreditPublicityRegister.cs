using System.Globalization;
using Mapster;
using ShuangSuiJi.Adapters.CreditPublicity;
using ShuangSuiJi.Core;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Core.Validation;
using ShuangSuiJi.Exchange;

namespace ShuangSuiJi.Mappings.CreditPublicity;

/// <summary>
/// GS ↔ canonical. Direct fields go through Mapster; codes through <see cref="CreditPublicityCodes"/>, each unknown
/// code a field error naming the raw value. The region is the credit code's characters 3-8 (the registering
/// county) since GS sends none. Names are kept exactly as sent (full-width brackets, stray spaces).
/// </summary>
public sealed class CreditPublicityRegister : IRegister
{
    public const string Exchange = "GS/entities";

    public void Register(TypeAdapterConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.NewConfig<Target, GsEntity>()
            .Map(d => d.Uniscid, s => s.CreditCode)
            .Map(d => d.Entname, s => s.Name)
            .Map(d => d.Enttype, s => CreditPublicityCodes.Code(s.EntityType))
            .Map(d => d.Lerep, s => s.LegalRepresentative)
            .Map(d => d.Dom, s => s.Address)
            .Map(d => d.Regorg, s => s.RegistrationAuthorityCode)
            .Map(d => d.Estdate, s => s.EstablishedOn.ToString("yyyyMMdd", CultureInfo.InvariantCulture))
            .Map(d => d.Regstate, s => CreditPublicityCodes.Code(s.Status))
            .Map(d => d.Industryco, s => s.IndustryCode)
            .Map(d => d.Tags, s => s.Tags)
            .Map(d => d.Modified, s => s.Provenance.ReceivedAt.ToOffset(ChinaTime.Offset).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture))
            .Ignore(d => d.Regno, d => d.RawXml);
    }

    /// <summary>A GS entity as a canonical target, or the reasons it cannot be one.</summary>
    public static PulledRecord<Target> ToCanonical(GsEntity entity, string location, CanonicalValidator validator, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(entity);
        ArgumentNullException.ThrowIfNull(validator);
        var errors = new List<FieldError>();
        if (!CreditPublicityCodes.EntityTypes.TryGetValue(entity.Enttype, out var type))
        {
            errors.Add(new FieldError(nameof(Target.EntityType), $"enttype '{entity.Enttype}' is not one of {string.Join(", ", CreditPublicityCodes.EntityTypes.Keys)}"));
        }

        if (!CreditPublicityCodes.Statuses.TryGetValue(entity.Regstate, out var status))
        {
            errors.Add(new FieldError(nameof(Target.Status), $"regstate '{entity.Regstate}' is not 1-6"));
        }

        if (!DateOnly.TryParseExact(entity.Estdate, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var established))
        {
            errors.Add(new FieldError(nameof(Target.EstablishedOn), $"estdate '{entity.Estdate}' is not yyyyMMdd"));
        }

        var modified = DateTime.TryParseExact(entity.Modified, "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? ChinaTime.FromLocal(local) : receivedAt;
        var target = new Target
        {
            CreditCode = entity.Uniscid,
            Name = entity.Entname,
            EntityType = type,
            LegalRepresentative = entity.Lerep,
            Address = entity.Dom,
            RegionCode = entity.Uniscid.Length == 18 ? entity.Uniscid.Substring(2, 6) : "",
            RegistrationAuthorityCode = entity.Regorg,
            EstablishedOn = established,
            Status = status,
            IndustryCode = entity.Industryco,
            Tags = entity.Tags,
            RiskGrade = null, // GS does not grade; grades come from the risk-classification partner.
            Provenance = new Provenance(GsXml.Partner, Exchange, modified),
        };
        if (errors.Count == 0)
        {
            errors.AddRange(validator.Validate(target));
        }

        return new PulledRecord<Target>(errors.Count == 0 ? target : null, entity.Uniscid, location, entity.RawXml, errors);
    }
}
