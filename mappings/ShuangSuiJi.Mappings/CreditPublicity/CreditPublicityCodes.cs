using ShuangSuiJi.Core.Kinds;

namespace ShuangSuiJi.Mappings.CreditPublicity;

/// <summary>GS's codes ↔ canonical values (contracts/GS.md), both directions.</summary>
public static class CreditPublicityCodes
{
    public static readonly IReadOnlyDictionary<string, EntityType> EntityTypes = new Dictionary<string, EntityType>
    {
        ["1100"] = EntityType.LimitedLiabilityCompany,
        ["1200"] = EntityType.JointStockCompany,
        ["3100"] = EntityType.NonCompanyEnterprise,
        ["4100"] = EntityType.SoleProprietorship,
        ["4200"] = EntityType.Partnership,
        ["9100"] = EntityType.IndividualBusiness,
        ["9200"] = EntityType.FarmersCooperative,
    };

    public static readonly IReadOnlyDictionary<string, RegistrationStatus> Statuses = new Dictionary<string, RegistrationStatus>
    {
        ["1"] = RegistrationStatus.Existing,
        ["2"] = RegistrationStatus.Revoked,
        ["3"] = RegistrationStatus.Deregistered,
        ["4"] = RegistrationStatus.MovedOut,
        ["5"] = RegistrationStatus.Cancelled,
        ["6"] = RegistrationStatus.Suspended,
    };

    /// <summary>Result outcomes: GS codes 1-9 and 0 for "other".</summary>
    public static readonly IReadOnlyDictionary<string, ResultOutcome> Outcomes = new Dictionary<string, ResultOutcome>
    {
        ["1"] = ResultOutcome.NoProblemFound,
        ["2"] = ResultOutcome.InformationNotPublicised,
        ["3"] = ResultOutcome.UnreachableAtRegisteredAddress,
        ["4"] = ResultOutcome.SeriouslyUncooperative,
        ["5"] = ResultOutcome.NoBusinessActivityUnderCheck,
        ["6"] = ResultOutcome.ProblemOrderedToCorrect,
        ["7"] = ResultOutcome.ProblemPendingInvestigation,
        ["8"] = ResultOutcome.Qualified,
        ["9"] = ResultOutcome.Unqualified,
        ["0"] = ResultOutcome.Other,
    };

    public static string Code(EntityType type) => EntityTypes.First(p => p.Value == type).Key;

    public static string Code(RegistrationStatus status) => Statuses.First(p => p.Value == status).Key;

    public static string Code(ResultOutcome outcome) => Outcomes.First(p => p.Value == outcome).Key;
}
