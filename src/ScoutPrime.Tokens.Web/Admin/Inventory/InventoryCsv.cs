using System.Globalization;
using System.Text;
using ScoutPrime.Tokens.Web.Tokens;

namespace ScoutPrime.Tokens.Web.Admin.Inventory;

/// <summary>
/// The inventory as CSV (RFC 4180), written row by row as the database returns them. Metadata only: there is no
/// code to write, the rows never carry one.
/// </summary>
public static class InventoryCsv
{
    public const string Header = "Token id,Description,Owner,Created (UTC),Expires (UTC),Last used (UTC),Status";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static async Task WriteAsync(Stream body, IAsyncEnumerable<InventoryRow> rows, DateTimeOffset now, int expiresSoonDays, CancellationToken ct)
    {
        await using var writer = new StreamWriter(body, Utf8, bufferSize: 16 * 1024);
        await writer.WriteAsync(Header + "\r\n");
        await foreach (var row in rows.WithCancellation(ct))
        {
            await writer.WriteAsync(Line(row, now, expiresSoonDays));
        }
    }

    public static string Line(InventoryRow row, DateTimeOffset now, int expiresSoonDays) => string.Join(',',
        row.Id.ToString(),
        Cell(row.Description),
        Cell(row.OwnerEmail ?? string.Empty),
        Time(row.CreatedAt),
        Time(row.ExpiresAt),
        row.LastUsedAt is { } used ? Time(used) : string.Empty,
        TokenText.Label(TokenExpiry.StatusOf(row.ExpiresAt, now, expiresSoonDays))) + "\r\n";

    /// <summary>
    /// A cell a spreadsheet would run as a formula (starting with = + - @, or a tab or carriage return before one) gets a
    /// leading apostrophe (OWASP's CSV injection advice); a cell with a comma, quote or line break is quoted.
    /// </summary>
    public static string Cell(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
