using Microsoft.AspNetCore.Mvc;

namespace ScoutPrime.Tokens.Web.Api;

/// <summary>Every error the API gives is an RFC 9457 problem details document.</summary>
public static class ApiProblems
{
    public const string NotInGroup = "The token's owner is not a member of the API Tokens Group.";

    public static async Task WriteAsync(HttpContext context, int status, string? detail = null)
    {
        context.Response.StatusCode = status;
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        // A client that accepts no JSON gets the status alone; never an HTML page.
        await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Detail = detail },
        });
    }
}
