namespace ShuangSuiJi.Integration.CreditRepair;

/// <summary>An administrator's decision to stop publicising one result on the enterprise's request (信用修复).</summary>
/// <param name="TaskNumber">The result's task number.</param>
/// <param name="TargetCreditCode">The enterprise's unified social credit code.</param>
/// <param name="DepartmentCode">The department that made the check.</param>
/// <param name="Reason">Why publicity stops; required, at most <see cref="CreditRepairService.MaxReason"/> characters.</param>
/// <param name="RequestReference">The enterprise's request (application number); required, at most <see cref="CreditRepairService.MaxReference"/> characters.</param>
/// <param name="Actor">The administrator, as the audit trail names them.</param>
/// <param name="Address">The client's address, for the audit trail.</param>
public sealed record CreditRepairRequest(
    string TaskNumber, string TargetCreditCode, string DepartmentCode, string? Reason, string? RequestReference, string Actor, string? Address);

/// <summary>How a credit-repair request ended.</summary>
public enum CreditRepairStatus
{
    /// <summary>The withdrawal event is in the outbox; the routes take it to the partners that publicised the result.</summary>
    Accepted,

    /// <summary>The reason or the request reference is missing or too long.</summary>
    Invalid,

    /// <summary>No such result.</summary>
    NotFound,

    /// <summary>The result was never publicised through a partner that withdrawals are routed to.</summary>
    NotPublicised,

    /// <summary>The minimum publicity period has not passed yet.</summary>
    PeriodNotOver,

    /// <summary>A withdrawal of this result was already decided.</summary>
    AlreadyWithdrawn,
}

/// <summary>The answer to a credit-repair request.</summary>
/// <param name="Message">What happened, in a sentence fit for the administrator.</param>
/// <param name="EventId">The withdrawal event (accepted, or the earlier one when already withdrawn).</param>
/// <param name="PublicisedOn">When publicity began, when known.</param>
/// <param name="EarliestOn">The first day a withdrawal is allowed, when known.</param>
/// <param name="Partners">The partners the withdrawal goes to.</param>
public sealed record CreditRepairOutcome(
    CreditRepairStatus Status, string Message, Guid? EventId = null, DateOnly? PublicisedOn = null, DateOnly? EarliestOn = null, IReadOnlyList<string>? Partners = null);
