namespace ShuangSuiJi.Core.Kinds;

/// <summary>What every canonical kind has: where it came from. Exchanges, the store and the API rely on it.</summary>
public interface ICanonicalRecord
{
    /// <summary>Which partner, which exchange, when.</summary>
    Provenance Provenance { get; }
}
