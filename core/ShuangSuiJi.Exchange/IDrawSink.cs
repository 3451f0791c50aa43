namespace ShuangSuiJi.Exchange;

/// <summary>A published draw as partners receive it: the task, its commitment and revealed seed, the drawn targets.</summary>
public sealed record DrawPublication(
    string TaskNumber, string TaskName, string DepartmentCode, DateTimeOffset DrawnAt, string SeedCommitment, string Seed,
    IReadOnlyList<(string CreditCode, string Name)> Targets);

/// <summary>A partner that publishes draws (一公开).</summary>
public interface IDrawSink
{
    string Partner { get; }

    Task<PartnerReceipt> PublishDrawAsync(DrawPublication draw, CancellationToken cancellationToken);
}
