using System.Text;
using MiniExcelLibs;
using Sylvan.Data.Csv;

namespace ShuangSuiJi.Planning;

/// <summary>Reads a plan spreadsheet into rows of cell text: .xlsx (MiniExcel) or CSV in UTF-8 or GB18030.</summary>
public static class PlanSheet
{
    /// <summary>Most rows read from a sheet; a county's annual plan has tens, a province's a few hundred.</summary>
    public const int MaxRows = 20_000;

    /// <summary>Most bytes the parts of an .xlsx may unpack to, by its directory (a zip bomb is refused before it is opened).</summary>
    public const long MaxUnpackedBytes = 64L << 20;

    /// <summary>Longest CSV line, in characters.</summary>
    public const int MaxLineCharacters = 1 << 20;

    static PlanSheet() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <exception cref="NotSupportedException">Neither .xlsx nor .csv.</exception>
    /// <exception cref="InvalidDataException">The file cannot be read as its extension says.</exception>
    public static IReadOnlyList<string[]> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var extension = Path.GetExtension(path).ToLowerInvariant();
        return extension switch
        {
            ".xlsx" => ReadXlsx(path),
            ".csv" => ReadCsv(File.ReadAllBytes(path)),
            _ => throw new NotSupportedException($"{Path.GetFileName(path)}: plans are read from .xlsx or .csv files, not '{extension}'."),
        };
    }

    /// <summary>Reads an uploaded sheet; the file name's extension says which format.</summary>
    /// <exception cref="NotSupportedException">Neither .xlsx nor .csv.</exception>
    /// <exception cref="InvalidDataException">The content cannot be read as its extension says.</exception>
    public static IReadOnlyList<string[]> Read(Stream content, string fileName)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(fileName);
        using var buffer = new MemoryStream();
        content.CopyTo(buffer);
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        switch (extension)
        {
            case ".csv":
                return ReadCsv(buffer.ToArray());
            case ".xlsx":
                buffer.Position = 0;
                try
                {
                    CheckUnpackedSize(buffer, fileName);
                    buffer.Position = 0;
                    return ReadXlsx(buffer);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    throw new InvalidDataException($"{fileName} is not a readable .xlsx workbook: {ex.Message}", ex);
                }

            default:
                throw new NotSupportedException($"{fileName}: plans are read from .xlsx or .csv files, not '{extension}'.");
        }
    }

    /// <summary>Refuses a workbook whose parts would unpack to more than <see cref="MaxUnpackedBytes"/>, by the zip's own directory.</summary>
    private static void CheckUnpackedSize(Stream stream, string fileName)
    {
        using var zip = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Read, leaveOpen: true);
        var total = zip.Entries.Sum(e => e.Length);
        if (total > MaxUnpackedBytes)
        {
            throw new InvalidDataException($"{fileName} unpacks to {total:N0} bytes, more than the {MaxUnpackedBytes:N0} a plan sheet may (refused as a possible zip bomb).");
        }
    }

    private static List<string[]> ReadXlsx(Stream stream)
    {
        var rows = new List<string[]>();
        foreach (IDictionary<string, object?> row in MiniExcel.Query(stream, useHeaderRow: false, excelType: ExcelType.XLSX))
        {
            Add(rows, [.. row.Values.Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)?.Trim() ?? "")]);
        }

        return rows;
    }

    private static void Add(List<string[]> rows, string[] row)
    {
        if (rows.Count == MaxRows)
        {
            throw new InvalidDataException($"the sheet has more than {MaxRows:N0} rows; a plan sheet has far fewer (row {MaxRows + 1} refused).");
        }

        rows.Add(row);
    }

    private static List<string[]> ReadXlsx(string path)
    {
        try
        {
            using (var file = File.OpenRead(path))
            {
                CheckUnpackedSize(file, Path.GetFileName(path));
            }

            var rows = new List<string[]>();
            foreach (IDictionary<string, object?> row in MiniExcel.Query(path, useHeaderRow: false))
            {
                Add(rows, [.. row.Values.Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)?.Trim() ?? "")]);
            }

            return rows;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new InvalidDataException($"{Path.GetFileName(path)} is not a readable .xlsx workbook: {ex.Message}", ex);
        }
    }

    /// <summary>UTF-8 when the bytes are valid UTF-8 (BOM or not), GB18030 otherwise.</summary>
    public static List<string[]> ReadCsv(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            text = Encoding.GetEncoding("GB18030").GetString(bytes);
        }

        var rows = new List<string[]>();
        try
        {
            using var reader = CsvDataReader.Create(new StringReader(text), new CsvDataReaderOptions { HasHeaders = false, MaxBufferSize = MaxLineCharacters });
            while (reader.Read())
            {
                var row = new string[reader.RowFieldCount];
                for (var i = 0; i < row.Length; i++)
                {
                    row[i] = reader.GetString(i).Trim();
                }

                Add(rows, row);
            }
        }
        catch (CsvFormatException ex)
        {
            throw new InvalidDataException(ex is CsvRecordTooLargeException
                ? $"row {rows.Count + 1} is longer than {MaxLineCharacters:N0} characters."
                : $"row {rows.Count + 1} is not CSV: {ex.Message}", ex);
        }

        return rows;
    }
}
