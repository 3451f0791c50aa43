namespace ShuangSuiJi.Storage.Access;

/// <summary>
/// A machine client's key (接口密钥): another government system calling the hub in the <c>X-Api-Key</c> header. It
/// carries a role and a department scope as an account does. Only a SHA-256 hash of the key is stored; the
/// <see cref="Prefix"/> finds the row without scanning.
/// </summary>
public sealed class ApiKey
{
    public long Id { get; set; }

    /// <summary>Unique name of the client, e.g. <c>county-portal</c>.</summary>
    public required string Name { get; set; }

    /// <summary><see cref="AccountRoles.Administrator"/> or <see cref="AccountRoles.Viewer"/>.</summary>
    public required string Role { get; set; }

    /// <summary>The department the key is scoped to, with every department below it; null for the whole province.</summary>
    public string? DepartmentCode { get; set; }

    /// <summary>The key's public lookup part (<see cref="ApiKeySecret.PrefixLength"/> characters after <c>ssj_</c>).</summary>
    public required string Prefix { get; set; }

    /// <summary>Lower-case hex SHA-256 of the whole key; never the key.</summary>
    public required string KeyHash { get; set; }

    /// <summary>Who created it (<c>cli:user</c> or an account name).</summary>
    public required string CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>After this instant the key is refused; null for no expiry.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>When the key was revoked; a revoked key is refused.</summary>
    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>Last accepted use, updated at most once a minute.</summary>
    public DateTimeOffset? LastUsedAt { get; set; }
}
