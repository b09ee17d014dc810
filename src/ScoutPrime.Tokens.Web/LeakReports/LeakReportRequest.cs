using System.Text.Json;
using ScoutPrime.Tokens.Web.Tokens;

namespace ScoutPrime.Tokens.Web.LeakReports;

/// <summary>
/// A leak report's body, read by hand rather than bound: a wrong shape gets a message naming what is wrong, and the
/// codes are checked (prefix, length, alphabet, CRC-32) before anything looks them up. Malformed codes are dropped.
/// </summary>
public sealed record LeakReportRequest(IReadOnlyList<string> Codes, string? Source)
{
    public const int MaxCredentials = 1_000;
    public const int MaxSourceLength = 100;

    /// <summary>1,000 codes of 40 characters, quoted, separated and indented, with room to spare.</summary>
    public const int MaxBodyBytes = 128 * 1024;

    /// <summary>The well-formed, distinct codes of the body; or the reason it is not a report.</summary>
    public static (LeakReportRequest? Request, string? Error) Parse(ReadOnlyMemory<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException)
        {
            return (null, "The body is not valid JSON.");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("credentials", out var credentials)
                || credentials.ValueKind != JsonValueKind.Array)
            {
                return (null, "The body must be an object with a \"credentials\" array.");
            }

            if (credentials.GetArrayLength() > MaxCredentials)
            {
                return (null, $"At most {MaxCredentials} credentials per report.");
            }

            var codes = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in credentials.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String)
                {
                    return (null, "Every item of \"credentials\" must be a string.");
                }

                var code = item.GetString()!.Trim();
                if (TokenCode.FindFault(code) is null)
                {
                    codes.Add(code);
                }
            }

            string? source = null;
            if (root.TryGetProperty("source", out var sourceElement) && sourceElement.ValueKind != JsonValueKind.Null)
            {
                if (sourceElement.ValueKind != JsonValueKind.String)
                {
                    return (null, "\"source\" must be a string.");
                }

                source = Clean(sourceElement.GetString()!, MaxSourceLength);
            }

            return (new LeakReportRequest([.. codes], source), null);
        }
    }

    /// <summary>Printable text only, and bounded: it is shown in the owner's history and written in the log.</summary>
    public static string Clean(string text, int maxLength)
    {
        var printable = new string([.. text.Where(c => !char.IsControl(c))]).Trim();
        return printable.Length <= maxLength ? printable : printable[..maxLength];
    }
}
