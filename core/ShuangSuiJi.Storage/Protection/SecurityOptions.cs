namespace ShuangSuiJi.Storage.Protection;

/// <summary>
/// The data key that encrypts ID and phone numbers (and payloads holding them) at rest. Section <c>Security</c>;
/// set it from the environment (<c>Security__DataKey</c>) or user secrets, never in a file under version control.
/// </summary>
public sealed class SecurityOptions
{
    public const string SectionName = "Security";

    /// <summary>
    /// The current data key: 16 random bytes in Base64 (<c>ssj security new-key</c> prints one). Required in
    /// production; elsewhere, when unset, a key is generated into <see cref="StorageOptions.DataDirectory"/> on first use.
    /// </summary>
    public string? DataKey { get; set; }

    /// <summary>
    /// The current key's id, written in front of every value it encrypts so that a later key can be told apart.
    /// Letters, digits, <c>-</c> and <c>_</c>, at most 16. <value>Default <c>1</c>.</value>
    /// </summary>
    public string DataKeyId { get; set; } = "1";

    /// <summary>Earlier keys by id (Base64), kept only to read values written before a rotation.</summary>
    public Dictionary<string, string> RetiredDataKeys { get; set; } = [];
}
