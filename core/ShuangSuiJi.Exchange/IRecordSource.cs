namespace ShuangSuiJi.Exchange;

/// <summary>A partner that supplies one canonical kind, pulled page by page since a watermark.</summary>
public interface IRecordSource<T>
    where T : class
{
    string Partner { get; }

    /// <summary>Every record changed since <paramref name="updatedSince"/> (all when <see langword="null"/>), accepted or refused, each once.</summary>
    IAsyncEnumerable<PulledRecord<T>> PullAsync(DateTimeOffset? updatedSince, CancellationToken cancellationToken);
}
