using System.ComponentModel.DataAnnotations;

namespace ShuangSuiJi.Storage;

/// <summary>Where the canonical store lives. Section <c>Storage</c>.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>The database. <value>Default <see cref="StorageProvider.Sqlite"/>.</value></summary>
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>
    /// ADO.NET connection string. Required for PostgreSQL and SQL Server; for SQLite it defaults to
    /// <c>Data Source={DataDirectory}/hub.db</c>.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>Folder for the SQLite file, created when missing; relative paths are from the working directory. <value>Default <c>data</c>.</value></summary>
    [Required(ErrorMessage = "Storage:DataDirectory is required.")]
    public string DataDirectory { get; set; } = "data";

    /// <summary>Apply pending migrations when the host starts. <value>Default <see langword="true"/>.</value></summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>Rows per transaction when loading in bulk. <value>Default 5,000.</value></summary>
    [Range(100, 100_000, ErrorMessage = "Storage:BulkBatchSize must be between 100 and 100,000.")]
    public int BulkBatchSize { get; set; } = 5_000;

    /// <summary>Seconds a command may run. <value>Default 60.</value></summary>
    [Range(1, 3600, ErrorMessage = "Storage:CommandTimeoutSeconds must be between 1 and 3600.")]
    public int CommandTimeoutSeconds { get; set; } = 60;

    /// <summary>The connection string in effect: the configured one, or the default SQLite file.</summary>
    /// <exception cref="InvalidOperationException">No connection string for a server provider.</exception>
    public string GetEffectiveConnectionString() =>
        !string.IsNullOrWhiteSpace(ConnectionString) ? ConnectionString
        : Provider == StorageProvider.Sqlite ? $"Data Source={Path.Combine(DataDirectory, "hub.db")}"
        : throw new InvalidOperationException($"{SectionName}:ConnectionString is required when {SectionName}:Provider is {Provider}.");
}
