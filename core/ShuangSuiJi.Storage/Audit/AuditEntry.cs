namespace ShuangSuiJi.Storage.Audit;

/// <summary>
/// One administrative act in the append-only audit trail (审计日志). Entries are hash-chained with SM3: each
/// <see cref="Hash"/> covers the entry's own fields and the previous entry's hash, so editing, deleting or inserting
/// an entry breaks the chain at that point (<see cref="AuditVerifier"/>). Never updated, only appended and, past the
/// retention, purged from the front with a purge entry recording where the kept chain starts.
/// </summary>
public sealed class AuditEntry
{
    /// <summary>Position in the chain, from 1, without gaps; unique, so two writers cannot both extend one head.</summary>
    public long Sequence { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>Who acted: an account name, <c>apikey:&lt;name&gt;</c>, <c>cli:&lt;os user&gt;</c> or <c>system</c>.</summary>
    public required string Actor { get; set; }

    /// <summary>What was done, one of <see cref="AuditActs"/>.</summary>
    public required string Act { get; set; }

    /// <summary>What it was done to (a record key, an account, a route, a file).</summary>
    public required string Subject { get; set; }

    /// <summary><see cref="AuditOutcomes.Succeeded"/> or <see cref="AuditOutcomes.Refused"/>.</summary>
    public required string Outcome { get; set; }

    /// <summary>Free detail: the reason given, the figures, the fields changed. Never a password or secret.</summary>
    public string? Detail { get; set; }

    /// <summary>The client's address for acts over HTTP.</summary>
    public string? Address { get; set; }

    /// <summary>Lower-case hex SM3 of the previous entry (64 zeros before the first).</summary>
    public required string PreviousHash { get; set; }

    /// <summary>Lower-case hex SM3 of this entry (<see cref="AuditChain.Hash"/>).</summary>
    public required string Hash { get; set; }
}

/// <summary>The acts the hub audits. Strings, not an enum, so an older verifier reads a newer trail.</summary>
public static class AuditActs
{
    public const string Login = "Login";
    public const string Logout = "Logout";
    public const string PasswordChange = "PasswordChange";
    public const string SecondFactor = "SecondFactor";
    public const string AccountCreate = "AccountCreate";
    public const string AccountChange = "AccountChange";
    public const string ApiKeyCreate = "ApiKeyCreate";
    public const string ApiKeyRevoke = "ApiKeyRevoke";
    public const string Resolution = "Resolution";
    public const string Resubmit = "Resubmit";
    public const string DrawCommit = "DrawCommit";
    public const string Draw = "Draw";

    /// <summary>A published draw re-derived on request (<c>GET /api/draws/{id}/verify</c>).</summary>
    public const string DrawVerify = "DrawVerify";
    public const string Reconcile = "Reconcile";
    public const string PlanImport = "PlanImport";
    public const string ConfigurationChange = "ConfigurationChange";

    /// <summary>A background job run, requeued or deleted by hand (a pull run now, an action in the Hangfire dashboard).</summary>
    public const string Job = "Job";
    public const string Export = "Export";
    public const string Reveal = "Reveal";

    /// <summary>A search by a sensitive value: inspectors found by an ID number.</summary>
    public const string Lookup = "Lookup";
    public const string EvaluationLink = "EvaluationLink";
    public const string Purge = "Purge";

    /// <summary>A result's publicity withdrawn on the enterprise's request (信用修复).</summary>
    public const string CreditRepair = "CreditRepair";
}

/// <summary>How an audited act ended.</summary>
public static class AuditOutcomes
{
    public const string Succeeded = "Succeeded";
    public const string Refused = "Refused";
}
