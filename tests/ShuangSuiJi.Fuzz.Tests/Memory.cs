namespace ShuangSuiJi.Fuzz.Tests;

/// <summary>Memory a piece of work holds on to afterwards, and allocates on the way (process-wide: the bombs run alone).</summary>
internal static class Memory
{
    public static async Task<(long Retained, long Allocated)> MeasureAsync(Func<Task> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        await work();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var after = GC.GetTotalMemory(forceFullCollection: true);
        var line = $"memory: {after - before:N0} bytes retained, {allocated:N0} bytes allocated";
        TestContext.Current.TestOutputHelper?.WriteLine(line);
        FuzzLedger.Add($"{TestContext.Current.Test?.TestDisplayName}: {line}");
        return (after - before, allocated);
    }
}

/// <summary>The bombs run one at a time, so the allocation counts are theirs.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BombCollection
{
    public const string Name = "bombs";
}
