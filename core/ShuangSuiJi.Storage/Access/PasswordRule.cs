namespace ShuangSuiJi.Storage.Access;

/// <summary>
/// The provincial password rule (口令复杂度要求) for local accounts: at least <see cref="MinLength"/> characters
/// mixing letters, digits and special characters, and not containing the account's name. The hub's forms and
/// <c>ssj user add</c> both ask here, so the rule is stated once.
/// </summary>
public static class PasswordRule
{
    /// <summary>Shortest password accepted.</summary>
    /// <value>8 characters.</value>
    public const int MinLength = 8;

    /// <summary>The rule in Chinese, for the dashboard's forms.</summary>
    public const string DescriptionZh = "密码至少 8 个字符，须同时包含字母、数字和特殊字符，且不得包含用户名";

    /// <summary>The rule in English, for the command line.</summary>
    public const string DescriptionEn = "password rule: at least 8 characters mixing letters, digits and special characters, not containing the account name";

    /// <summary>What is wrong with <paramref name="password"/> for account <paramref name="name"/>, or null when it follows the rule.</summary>
    public static PasswordProblem? Check(string name, string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (password.Length < MinLength)
        {
            return new PasswordProblem($"{DescriptionEn} (it has {password.Length})", $"{DescriptionZh}（当前仅 {password.Length} 个字符）");
        }

        var letters = password.Any(char.IsLetter);
        var digits = password.Any(char.IsDigit);
        // Anything that is neither a letter nor a digit counts as special: punctuation, symbols, spaces.
        var specials = password.Any(c => !char.IsLetterOrDigit(c));
        if (!letters || !digits || !specials)
        {
            var missing = new List<(string En, string Zh)>();
            if (!letters)
            {
                missing.Add(("a letter", "字母"));
            }

            if (!digits)
            {
                missing.Add(("a digit", "数字"));
            }

            if (!specials)
            {
                missing.Add(("a special character", "特殊字符"));
            }

            return new PasswordProblem(
                $"{DescriptionEn} (missing {string.Join(", ", missing.Select(m => m.En))})",
                $"{DescriptionZh}（缺少{string.Join("、", missing.Select(m => m.Zh))}）");
        }

        if (!string.IsNullOrWhiteSpace(name) && password.Contains(name.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            return new PasswordProblem($"{DescriptionEn} (it contains the account name)", $"{DescriptionZh}（包含了用户名）");
        }

        return null;
    }
}

/// <summary>Why a password breaks <see cref="PasswordRule"/>, in English (CLI) and Chinese (UI); both name the rule.</summary>
public sealed record PasswordProblem(string English, string Chinese);
