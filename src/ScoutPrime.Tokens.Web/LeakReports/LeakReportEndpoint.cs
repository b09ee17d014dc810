using System.Buffers;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace ScoutPrime.Tokens.Web.LeakReports;

/// <summary>
/// <c>POST /api/v1/credentials/revoke</c>: anyone who finds a leaked code reports it here, as GitHub's credential
/// revocation API works. The answer is always 202 for a well-shaped report, whatever the codes were, so the endpoint
/// never tells whether a code was valid; a body that is not a report gets a problem saying why.
/// </summary>
public static class LeakReportEndpoint
{
    public const string Path = "/credentials/revoke";

    public static async Task<Results<Accepted, ProblemHttpResult>> RevokeAsync(HttpContext context, LeakReportService reports)
    {
        var request = context.Request;
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType, "Send the report as application/json.");
        }

        var body = await ReadBoundedAsync(request, context.RequestAborted);
        if (body is null)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, $"A report is at most {LeakReportRequest.MaxBodyBytes} bytes.");
        }

        var (report, error) = LeakReportRequest.Parse(body);
        if (report is null)
        {
            return Problem(StatusCodes.Status400BadRequest, error!);
        }

        var userAgent = LeakReportRequest.Clean(request.Headers.UserAgent.ToString(), 200);
        // Not the request's token: a reporter that stops waiting must not leave a leaked token half revoked.
        await reports.RevokeAsync(report, userAgent, CancellationToken.None);
        return TypedResults.Accepted((string?)null);
    }

    /// <summary>The body, or null when it is longer than <see cref="LeakReportRequest.MaxBodyBytes"/>: never read further.</summary>
    private static async Task<byte[]?> ReadBoundedAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > LeakReportRequest.MaxBodyBytes)
        {
            return null;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(LeakReportRequest.MaxBodyBytes + 1);
        try
        {
            var length = 0;
            int read;
            while ((read = await request.Body.ReadAsync(buffer.AsMemory(length, LeakReportRequest.MaxBodyBytes + 1 - length), ct)) > 0)
            {
                length += read;
                if (length > LeakReportRequest.MaxBodyBytes)
                {
                    return null;
                }
            }

            return buffer[..length];
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static ProblemHttpResult Problem(int status, string detail) => TypedResults.Problem(detail: detail, statusCode: status);
}
