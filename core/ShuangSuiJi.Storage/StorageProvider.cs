namespace ShuangSuiJi.Storage;

/// <summary>Which database holds the canonical store.</summary>
public enum StorageProvider
{
    /// <summary>A SQLite file under <see cref="StorageOptions.DataDirectory"/>: the embedded default, no server.</summary>
    Sqlite,
    /// <summary>PostgreSQL: the scaled-out store, shared by several hub instances.</summary>
    PostgreSql,
    /// <summary>SQL Server: for installations standardised on it.</summary>
    SqlServer,
}
