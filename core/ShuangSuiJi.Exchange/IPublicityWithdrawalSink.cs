using ShuangSuiJi.Exchange.Events;

namespace ShuangSuiJi.Exchange;

/// <summary>A withdrawal as a partner receives it: the request and the partner's own reference for what it publicised.</summary>
/// <param name="Request">The credit-repair decision.</param>
/// <param name="PartnerReference">
/// The partner's id for the publicised result (for example a notice id), as it answered the earlier delivery of that
/// result to it (<see cref="PartnerReceipt.PartnerId"/>).
/// </param>
public sealed record PublicityWithdrawal(ResultPublicityWithdrawn Request, string PartnerReference);

/// <summary>A partner that publicises results and can stop publicising one (信用修复, credit repair).</summary>
public interface IPublicityWithdrawalSink
{
    string Partner { get; }

    /// <summary>Stops publicising the result; withdrawing one already withdrawn is success too.</summary>
    /// <exception cref="PartnerException">The partner refused or failed; <see cref="PartnerException.Retryable"/> says whether to try again.</exception>
    Task<PartnerReceipt> WithdrawAsync(PublicityWithdrawal withdrawal, CancellationToken cancellationToken);
}
