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
