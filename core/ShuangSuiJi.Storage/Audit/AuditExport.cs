using System.Globalization;
using MiniExcelLibs;

namespace ShuangSuiJi.Storage.Audit;

/// <summary>The formats the audit trail exports to.</summary>
public enum AuditExportFormat
{
    /// <summary>UTF-8 CSV with a header row, one entry per line.</summary>
    Csv,

    /// <summary>An Excel workbook, for auditors who open it in a spreadsheet.</summary>
    Xlsx,
}

/// <summary>
/// Writes the audit trail, or the entries between two instants, with every field the chain hashes (so an exported
/// copy can be verified on its own); streamed from the store, never held whole in memory.
/// </summary>
public static class AuditExport
{
    /// <summary>Writes the entries with <paramref name="from"/> ≤ At &lt; <paramref name="to"/> (either open); returns how many.</summary>
    public static long Write(HubDbContextFactory factory, Stream output, AuditExportFormat format, DateTimeOffset? from, DateTimeOffset? to)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(output);
        using var db = factory.CreateDbContext();
        var query = db.AuditEntries.AsQueryable();
        if (from is { } start)
        {
            query = query.Where(e => e.At >= start);
        }

        if (to is { } end)
        {
            query = query.Where(e => e.At < end);
        }

        long count = 0;
        var rows = query.OrderBy(e => e.Sequence).AsEnumerable().Select(e =>
        {
            count++;
            return new Dictionary<string, object?>
            {
                ["Sequence"] = e.Sequence,
                ["At"] = e.At.ToString("O", CultureInfo.InvariantCulture),
                ["Actor"] = e.Actor,
                ["Act"] = e.Act,
                ["Subject"] = e.Subject,
                ["Outcome"] = e.Outcome,
                ["Detail"] = e.Detail,
                ["Address"] = e.Address,
                ["PreviousHash"] = e.PreviousHash,
                ["Hash"] = e.Hash,
            };
        });
        output.SaveAs(rows, printHeader: true, sheetName: "audit", excelType: format == AuditExportFormat.Xlsx ? ExcelType.XLSX : ExcelType.CSV);
        return count;
    }
}
