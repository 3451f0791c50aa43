using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ShuangSuiJi.Core;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Exchange.Events;
using ShuangSuiJi.Integration.Outbox;
using ShuangSuiJi.Storage;
using ShuangSuiJi.Storage.Audit;
using ShuangSuiJi.Storage.Evaluations;

namespace ShuangSuiJi.Hub.Evaluations;

/// <summary>
/// Issues one-time evaluation links for results and takes the evaluations submitted through them. An evaluation is a
/// canonical <see cref="Evaluation"/> stored with its <see cref="HubEventTypes.EvaluationReceived"/> event in the same
/// transaction as the link is spent, so it flows on by the configured routes like an evaluation pulled from a partner.
/// One inspection is rated once: the evaluation's id derives from the result's key, so a second link for the same
/// result, or the same link submitted twice at once, fails on the key and is refused as used.
/// </summary>
internal sealed partial class EvaluationLinks(
    HubDbContextFactory stores, EvaluationLinkKey key, IOptions<EvaluationLinkOptions> options, IOptions<HubOptions> hub, IAuditTrail audit,
    TimeProvider clock, ILogger<EvaluationLinks> logger)
{
    /// <summary>Longest comment taken, in characters.</summary>
    public const int MaxComment = 500;

    /// <summary>The exchange named in the provenance of evaluations taken through links.</summary>
    public const string Exchange = "evaluation-link";

    /// <summary>
    /// Issues a link for the result, good for <see cref="EvaluationLinkOptions.EvaluationLinkDays"/>; <see langword="null"/>
    /// when the result does not exist. <paramref name="requestBase"/> is used when <c>Hub:PublicBaseUrl</c> is unset.
    /// </summary>
    public async Task<(IssuedEvaluationLink? Link, EvaluationLinkRefusal Refusal)> IssueAsync(
        string taskNumber, string targetCreditCode, string departmentCode, string actor, Uri requestBase, string? address, CancellationToken cancellationToken)
    {
        await using var db = stores.CreateDbContext();
        if (!await db.Results.AnyAsync(r => r.TaskNumber == taskNumber && r.TargetCreditCode == targetCreditCode && r.DepartmentCode == departmentCode, cancellationToken))
        {
            return (null, EvaluationLinkRefusal.UnknownResult);
        }

        var evaluationId = EvaluationId(taskNumber, targetCreditCode, departmentCode);
        if (await db.Evaluations.AnyAsync(e => e.Id == evaluationId, cancellationToken))
        {
            return (null, EvaluationLinkRefusal.Used);
        }

        var now = clock.GetUtcNow();
        var token = EvaluationLinkToken.Create(taskNumber, targetCreditCode, departmentCode, Whole(now.AddDays(options.Value.EvaluationLinkDays)));
        db.EvaluationLinks.Add(new EvaluationLink
        {
            NonceHash = token.NonceHash, TaskNumber = taskNumber, TargetCreditCode = targetCreditCode, DepartmentCode = departmentCode,
            CreatedAt = now, CreatedBy = actor, ExpiresAt = token.ExpiresAt,
        });
        await db.SaveChangesAsync(cancellationToken);

        var root = hub.Value.PublicBaseUrl ?? requestBase;
        var url = new Uri(new Uri(root.AbsoluteUri.TrimEnd('/') + "/"), "evaluate/" + token.Sign(key.Bytes));
        await audit.RecordAsync(new AuditRecord(actor, AuditActs.EvaluationLink, ResultKey(taskNumber, targetCreditCode, departmentCode),
            Detail: $"issued, expires {token.ExpiresAt.ToOffset(ChinaTime.Offset):yyyy-MM-dd HH:mm}", Address: address), cancellationToken);
        return (new IssuedEvaluationLink(url, token.ExpiresAt), EvaluationLinkRefusal.None);
    }

    /// <summary>Whether the link can be used now, and the inspection it rates.</summary>
    public async Task<EvaluationLinkCheck> CheckAsync(string? text, CancellationToken cancellationToken)
    {
        if (EvaluationLinkToken.Read(text, key.Bytes) is not { } token)
        {
            return EvaluationLinkCheck.Forged;
        }

        await using var db = stores.CreateDbContext();
        return await CheckAsync(db, token, cancellationToken);
    }

    /// <summary>
    /// Stores the evaluation and spends the link, atomically: of two submissions of one link (or of two links for one
    /// result), exactly one is stored and the other is refused as <see cref="EvaluationLinkRefusal.Used"/>.
    /// </summary>
    public async Task<EvaluationLinkCheck> SubmitAsync(string? text, int rating, string comment, string? address, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(comment);
        if (rating is < 1 or > 5 || comment.Length > MaxComment)
        {
            throw new ArgumentOutOfRangeException(nameof(rating), "rating 1-5 and a comment of at most 500 characters");
        }

        if (EvaluationLinkToken.Read(text, key.Bytes) is not { } token)
        {
            LogForged(logger, address);
            return EvaluationLinkCheck.Forged;
        }

        await using var db = stores.CreateDbContext();
        var check = await CheckAsync(db, token, cancellationToken);
        if (check.Refusal != EvaluationLinkRefusal.None)
        {
            await AuditRefusalAsync(token, check.Refusal, address, cancellationToken);
            return check;
        }

        var now = clock.GetUtcNow();
        var evaluation = new Evaluation
        {
            Id = EvaluationId(token.TaskNumber, token.TargetCreditCode, token.DepartmentCode),
            TaskNumber = token.TaskNumber,
            TargetCreditCode = token.TargetCreditCode,
            DepartmentCode = token.DepartmentCode,
            Rating = rating,
            Comment = comment,
            SubmittedAt = now.ToOffset(ChinaTime.Offset),
            Channel = EvaluationChannel.QrCode,
            Provenance = new Provenance(Provenance.Hub, Exchange, now),
        };

        bool spent;
        try
        {
            spent = await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                // The claim: only one transaction moves UsedAt from null; a concurrent one waits, then matches nothing.
                var claimed = await db.EvaluationLinks.Where(l => l.NonceHash == token.NonceHash && l.UsedAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(l => l.UsedAt, now).SetProperty(l => l.EvaluationId, evaluation.Id), ct);
                if (claimed != 1)
                {
                    return false;
                }

                db.Evaluations.Add(evaluation);
                db.Raise(HubEventTypes.EvaluationReceived, evaluation.Id, evaluation, now);
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                return true;
            }, cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            // The evaluation's key is taken: another link for the same result was used at the same moment.
            LogRace(logger, evaluation.Id, ex.InnerException?.Message ?? ex.Message);
            spent = false;
        }

        if (!spent)
        {
            await AuditRefusalAsync(token, EvaluationLinkRefusal.Used, address, cancellationToken);
            return check with { Refusal = EvaluationLinkRefusal.Used };
        }

        await audit.RecordAsync(new AuditRecord($"enterprise:{token.TargetCreditCode}", AuditActs.EvaluationLink,
            ResultKey(token.TaskNumber, token.TargetCreditCode, token.DepartmentCode), Detail: $"used: evaluation {evaluation.Id}, rating {rating}", Address: address), cancellationToken);
        return check with { EvaluationId = evaluation.Id };
    }

    /// <summary>The id of the one evaluation a result can receive through links: <c>HUB-PJ-</c> and 24 hex of the key's SHA-256.</summary>
    public static string EvaluationId(string taskNumber, string targetCreditCode, string departmentCode) =>
        "HUB-PJ-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(ResultKey(taskNumber, targetCreditCode, departmentCode))))[..24];

    private static string ResultKey(string taskNumber, string targetCreditCode, string departmentCode) => $"{taskNumber}|{targetCreditCode}|{departmentCode}";

    private static DateTimeOffset Whole(DateTimeOffset at) => DateTimeOffset.FromUnixTimeSeconds(at.ToUnixTimeSeconds());

    private async Task<EvaluationLinkCheck> CheckAsync(HubDbContext db, EvaluationLinkToken token, CancellationToken cancellationToken)
    {
        if (token.ExpiresAt <= clock.GetUtcNow())
        {
            return new EvaluationLinkCheck(EvaluationLinkRefusal.Expired);
        }

        var link = await db.EvaluationLinks.AsNoTracking().FirstOrDefaultAsync(l => l.NonceHash == token.NonceHash, cancellationToken);
        if (link is null || link.TaskNumber != token.TaskNumber || link.TargetCreditCode != token.TargetCreditCode || link.DepartmentCode != token.DepartmentCode)
        {
            return new EvaluationLinkCheck(EvaluationLinkRefusal.UnknownLink);
        }

        var result = await db.Results.AsNoTracking().FirstOrDefaultAsync(
            r => r.TaskNumber == token.TaskNumber && r.TargetCreditCode == token.TargetCreditCode && r.DepartmentCode == token.DepartmentCode, cancellationToken);
        if (result is null)
        {
            return new EvaluationLinkCheck(EvaluationLinkRefusal.UnknownResult);
        }

        var target = await db.Targets.AsNoTracking().Where(t => t.CreditCode == result.TargetCreditCode).Select(t => t.Name).FirstOrDefaultAsync(cancellationToken);
        var department = await db.Departments.AsNoTracking().Where(d => d.Code == result.DepartmentCode).Select(d => d.Name).FirstOrDefaultAsync(cancellationToken);
        var evaluationId = EvaluationId(result.TaskNumber, result.TargetCreditCode, result.DepartmentCode);
        var used = link.UsedAt is not null || await db.Evaluations.AnyAsync(e => e.Id == evaluationId, cancellationToken);
        return new EvaluationLinkCheck(used ? EvaluationLinkRefusal.Used : EvaluationLinkRefusal.None, result, target, department, used ? evaluationId : null);
    }

    private Task AuditRefusalAsync(EvaluationLinkToken token, EvaluationLinkRefusal refusal, string? address, CancellationToken cancellationToken) =>
        audit.RecordAsync(new AuditRecord($"enterprise:{token.TargetCreditCode}", AuditActs.EvaluationLink,
            ResultKey(token.TaskNumber, token.TargetCreditCode, token.DepartmentCode), AuditOutcomes.Refused, $"submission refused: {refusal}", address), cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An evaluation was submitted with a forged or malformed link from {Address}")]
    private static partial void LogForged(ILogger logger, string? address);

    [LoggerMessage(Level = LogLevel.Information, Message = "Evaluation {EvaluationId} was stored by a concurrent submission first: {Reason}")]
    private static partial void LogRace(ILogger logger, string evaluationId, string reason);
}
