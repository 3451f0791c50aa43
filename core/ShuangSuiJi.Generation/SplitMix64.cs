namespace ShuangSuiJi.Generation;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood, 2014): tiny, fast and statistically good enough for test data.
/// Each generated record gets its own stream derived from (seed, kind, index), so record <c>i</c> never
/// depends on records before it: the generator streams and any record can be rebuilt on its own.
/// Not for the draw: that uses the algorithm fixed in the draw specification.
/// </summary>
internal struct SplitMix64(ulong state)
{
    private ulong _state = state;

    public static SplitMix64 For(ulong seed, ulong stream, long index)
    {
        var mixer = new SplitMix64(seed ^ (stream * 0xD1B54A32D192ED03UL));
        var start = mixer.Next() ^ ((ulong)index * 0x9E3779B97F4A7C15UL);
        return new SplitMix64(start);
    }

    public ulong Next()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, max) by Lemire's multiply-shift (bias below 2^-32 for the small bounds used here).</summary>
    public int Below(int max) => (int)(((Next() >> 32) * (ulong)max) >> 32);

    /// <summary>True with the given probability in percent (0-100, fractional allowed).</summary>
    public bool Percent(double percent) => (Next() >> 11) * (1.0 / (1UL << 53)) * 100 < percent;

    public T Pick<T>(IReadOnlyList<T> items) => items[Below(items.Count)];

    /// <summary>Picks an index by integer weights.</summary>
    public int Weighted(IReadOnlyList<int> weights)
    {
        var total = 0;
        foreach (var w in weights)
        {
            total += w;
        }

        var roll = Below(total);
        for (var i = 0; i < weights.Count; i++)
        {
            roll -= weights[i];
            if (roll < 0)
            {
                return i;
            }
        }

        return weights.Count - 1;
    }
}
