namespace ShuangSuiJi.Storage.Exchanges;

/// <summary>
/// A partner's own copy of a record, as last pulled and mapped to canonical form: the material reconciliation
/// compares. The canonical tables hold the hub's record; these hold what each partner says.
/// </summary>
public sealed class PartnerRecord
{
    public required string Partner { get; set; }

    public required string Kind { get; set; }

    public required string Key { get; set; }

    /// <summary>The canonical JSON of the partner's version.</summary>
    public required string Json { get; set; }

    /// <summary>SHA-256 of <see cref="Json"/> without provenance, hex: unchanged records are skipped cheaply.</summary>
    public required string Hash { get; set; }

    public required DateTimeOffset UpdatedAt { get; set; }
}
