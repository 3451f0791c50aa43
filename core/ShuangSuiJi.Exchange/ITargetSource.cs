using ShuangSuiJi.Core.Kinds;

namespace ShuangSuiJi.Exchange;

/// <summary>A partner that supplies the target directory (检查对象名录库), pulled page by page since a watermark.</summary>
public interface ITargetSource
{
    /// <summary>The partner's short name as configured.</summary>
    string Partner { get; }

    /// <summary>Every target changed since <paramref name="modifiedSince"/> (all when <see langword="null"/>), accepted or refused.</summary>
    IAsyncEnumerable<PulledRecord<Target>> PullTargetsAsync(DateTimeOffset? modifiedSince, CancellationToken cancellationToken);
}
