using System.Buffers;

namespace ShuangSuiJi.Draw.TargetDraw;

/// <summary>
/// The strata's eligible rows of one draw, and the rows it drew at random, in arrays rented from <see cref="ArrayPool{T}.Shared"/> and returned once,
/// when the draw's result is disposed. A province's lists are tens of megabytes; fresh arrays of that size cost every
/// draw thousands of page faults, pooled ones only the first. Reading the lists after they are returned throws, so a
/// disposed result does not show another draw's rows. As with any disposable, disposing it while another thread still
/// reads it is the caller's error: a read that passed the check just before could see a reused array.
/// </summary>
internal sealed class EligibleLists : IDisposable
{
    private int[][]? _arrays;
    private int[]? _drawn;

    private EligibleLists(int[][] arrays, ArraySegment<int>[] segments)
    {
        _arrays = arrays;
        Segments = segments;
    }

    /// <summary>One array per stratum, each at least as long as its size; the slots past the size are not the draw's.</summary>
    public int[][] Arrays => _arrays ?? throw Returned();

    /// <summary>Each stratum's rows: its array up to its size.</summary>
    public ArraySegment<int>[] Segments { get; }

    /// <summary>Rents one array per stratum, of at least <paramref name="sizes"/>[stratum] slots.</summary>
    public static EligibleLists Rent(IReadOnlyList<int> sizes)
    {
        var arrays = new int[sizes.Count][];
        var segments = new ArraySegment<int>[sizes.Count];
        for (var stratum = 0; stratum < sizes.Count; stratum++)
        {
            arrays[stratum] = ArrayPool<int>.Shared.Rent(sizes[stratum]);
            segments[stratum] = new ArraySegment<int>(arrays[stratum], 0, sizes[stratum]);
        }

        return new EligibleLists(arrays, segments);
    }

    /// <summary>Rents one more array, for the rows drawn at random, returned with the others; its first <paramref name="size"/> slots.</summary>
    public ArraySegment<int> RentDrawn(int size)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _arrays) is null, this);
        if (_drawn is not null)
        {
            throw new InvalidOperationException("A draw rents its drawn rows once.");
        }

        _drawn = ArrayPool<int>.Shared.Rent(size);
        return new ArraySegment<int>(_drawn, 0, size);
    }

    /// <summary>Throws <see cref="ObjectDisposedException"/> once the arrays have gone back to the pool.</summary>
    public void ThrowIfReturned()
    {
        if (Volatile.Read(ref _arrays) is null)
        {
            throw Returned();
        }
    }

    /// <summary>Returns the arrays to the pool; only the first call does.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _arrays, null) is { } arrays)
        {
            foreach (var array in arrays)
            {
                ArrayPool<int>.Shared.Return(array);
            }

            if (Interlocked.Exchange(ref _drawn, null) is { } drawn)
            {
                ArrayPool<int>.Shared.Return(drawn);
            }
        }
    }

    private static ObjectDisposedException Returned() =>
        new(nameof(TargetDrawResult), "The draw's result was disposed: its eligible lists and drawn rows went back to the pool. Read them before disposing it.");
}
