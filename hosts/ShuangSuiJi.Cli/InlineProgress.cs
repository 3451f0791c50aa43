namespace ShuangSuiJi.Cli;

/// <summary>Reports on the caller's thread, in order (unlike <see cref="Progress{T}"/>).</summary>
internal sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
