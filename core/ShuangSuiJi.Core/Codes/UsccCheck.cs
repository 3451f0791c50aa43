namespace ShuangSuiJi.Core.Codes;

/// <summary>The verdict on one unified social credit code.</summary>
/// <param name="Code">The code as given.</param>
/// <param name="IsValid">Whether it is valid as given.</param>
/// <param name="Reason">Why not; <see langword="null"/> when valid.</param>
/// <param name="ExpectedCheckCharacter">The right check character when only the check character is wrong.</param>
public sealed record UsccCheck(string Code, bool IsValid, string? Reason, char? ExpectedCheckCharacter)
{
    internal static UsccCheck Valid(string code) => new(code, true, null, null);

    internal static UsccCheck Invalid(string code, string reason, char? expected = null) => new(code, false, reason, expected);
}
