namespace ShuangSuiJi.Hub.Evaluations;

/// <summary>Why an evaluation link was refused, if it was.</summary>
internal enum EvaluationLinkRefusal
{
    /// <summary>The link is good.</summary>
    None,
    /// <summary>Malformed, or not signed by this hub (400).</summary>
    Forged,
    /// <summary>Past its expiry (410).</summary>
    Expired,
    /// <summary>Signed, but the hub holds no such link (404).</summary>
    UnknownLink,
    /// <summary>The result it names is not (or no longer) in the store (404).</summary>
    UnknownResult,
    /// <summary>Already used, or the inspection was already evaluated through another link (409).</summary>
    Used,
}
