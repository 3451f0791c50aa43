using System.Text;
using MiniExcelLibs;
using Sylvan.Data.Csv;

namespace ShuangSuiJi.Planning;

/// <summary>Reads a plan spreadsheet into rows of cell text: .xlsx (MiniExcel) or CSV in UTF-8 or GB18030.</summary>
public static class PlanSheet
{
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

    private static List<string[]> ReadXlsx(Stream stream)
    {
        var rows = new List<string[]>();
        foreach (IDictionary<string, object?> row in MiniExcel.Query(stream, useHeaderRow: false, excelType: ExcelType.XLSX))
        {
            rows.Add([.. row.Values.Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)?.Trim() ?? "")]);
        }

        return rows;
    }

    private static List<string[]> ReadXlsx(string path)
    {
        try
        {
            var rows = new List<string[]>();
            foreach (IDictionary<string, object?> row in MiniExcel.Query(path, useHeaderRow: false))
            {
                rows.Add([.. row.Values.Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)?.Trim() ?? "")]);
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
        using var reader = CsvDataReader.Create(new StringReader(text), new CsvDataReaderOptions { HasHeaders = false });
        while (reader.Read())
        {
            var row = new string[reader.RowFieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.GetString(i).Trim();
            }

            rows.Add(row);
        }

        return rows;
    }
}
