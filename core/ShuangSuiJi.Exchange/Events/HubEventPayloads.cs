using ShuangSuiJi.Core.Kinds;

namespace ShuangSuiJi.Exchange.Events;

/// <summary>Body of <see cref="HubEventTypes.ResultRecorded"/>: the result and what partners print or key it by.</summary>
/// <param name="Result">The canonical result.</param>
/// <param name="TargetName">The target's registered name.</param>
/// <param name="DepartmentCreditCode">The department's unified social credit code, for partners that key departments by it.</param>
public sealed record ResultRecorded(InspectionResult Result, string TargetName, string? DepartmentCreditCode);

/// <summary>Body of <see cref="HubEventTypes.TaskDrawn"/>: the task, its published draw and the inspectors assigned.</summary>
/// <param name="DepartmentCreditCodes">Department code → its unified social credit code, for the task's departments, for partners that key departments by it.</param>
public sealed record TaskDrawn(InspectionTask Task, DrawPublication Draw, IReadOnlyList<TargetAssignment> Assignments, IReadOnlyDictionary<string, string>? DepartmentCreditCodes = null);

/// <summary>One drawn target's inspectors from one department.</summary>
public sealed record TargetAssignment(string CreditCode, string DepartmentCode, IReadOnlyList<string> CertificateNumbers);

/// <summary>Body of <see cref="HubEventTypes.RiskGradeChanged"/>.</summary>
public sealed record RiskGradeChanged(string CreditCode, RiskGrade? Previous, RiskGrade? Current, string Source);

/// <summary>Body of <see cref="HubEventTypes.CaseDecided"/>: the decision and the result it was linked to, if found.</summary>
public sealed record CaseDecided(CaseDecision Decision, bool LinkedToResult);

/// <summary>Body of <see cref="HubEventTypes.PlanApproved"/>: the approved plan and its departments' credit codes.</summary>
public sealed record PlanApproved(Plan Plan, IReadOnlyDictionary<string, string> DepartmentCreditCodes);

/// <summary>
/// Body of <see cref="HubEventTypes.ResultPublicityWithdrawn"/>: stop publicising one result (信用修复), as an
/// administrator decided on the enterprise's request after the minimum publicity period.
/// </summary>
/// <param name="TaskNumber">The result's task number.</param>
/// <param name="TargetCreditCode">The enterprise's unified social credit code.</param>
/// <param name="DepartmentCode">The department that made the check.</param>
/// <param name="Reason">Why publicity stops, as the administrator wrote it.</param>
/// <param name="RequestReference">The enterprise's request (its application number or document reference).</param>
/// <param name="RequestedBy">The administrator who decided it.</param>
/// <param name="RequestedAt">When it was decided.</param>
/// <param name="PublicisedOn">The date publicity began (China calendar), from which the minimum period was counted.</param>
public sealed record ResultPublicityWithdrawn(
    string TaskNumber, string TargetCreditCode, string DepartmentCode, string Reason, string RequestReference, string RequestedBy,
    DateTimeOffset RequestedAt, DateOnly PublicisedOn);
