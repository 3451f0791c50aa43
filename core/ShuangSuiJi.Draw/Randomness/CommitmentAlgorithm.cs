namespace ShuangSuiJi.Draw.Randomness;

/// <summary>The hash that commits to a seed before the draw.</summary>
public enum CommitmentAlgorithm
{
    /// <summary>SHA-256 (FIPS 180-4). The default.</summary>
    Sha256,
    /// <summary>SM3 (GB/T 32905), the Chinese national hash, for departments that require it.</summary>
    Sm3,
}
