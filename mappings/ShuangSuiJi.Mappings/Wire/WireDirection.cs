namespace ShuangSuiJi.Mappings.Wire;

/// <summary>Which way a partner kind travels, as the partner's contract defines it.</summary>
public enum WireDirection
{
    /// <summary>Partner → hub: the wire payload is read into canonical records.</summary>
    In,

    /// <summary>Hub → partner: canonical records are rendered into the wire payload.</summary>
    Out,
}
