using System.Text.Json;
using Microsoft.AspNetCore.Mvc;

namespace ScoutPrime.Tokens.Web.Infrastructure;

/// <summary>Every error a machine client gets (the API, later the gateways' checks) is an RFC 9457 problem details document.</summary>
public static class Problems
{
    private const string ProblemContentType = "application/problem+json";

    public static async Task WriteAsync(HttpContext context, int status, string? detail = null)
    {
        context.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Detail = detail };
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        if (!await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }))
        {
            // The writer declines a client whose Accept excludes JSON; the API answers problem details all the same.
            await context.Response.WriteAsJsonAsync(problem, (JsonSerializerOptions?)null, ProblemContentType);
        }
    }
}
