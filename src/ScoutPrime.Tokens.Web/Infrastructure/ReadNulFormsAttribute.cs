using System.Text;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.WebUtilities;

namespace ScoutPrime.Tokens.Web.Infrastructure;

/// <summary>
/// The framework refuses to read a whole form when a value holds a NUL character (an InvalidDataException, which
/// the antiforgery check turns into a bare 400 before any field is looked at). For a small form this reads such a
/// body leniently instead, so that the field's own validation can say, beside the field, what is wrong with it.
/// Larger bodies keep the framework's answer, and its size limits stand.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class ReadNulFormsAttribute : Attribute, IAsyncAuthorizationFilter, IOrderedFilter
{
    private const int MaxLength = 16 * 1024;

    /// <summary>After [Authorize] (0), before the antiforgery check (1000), which is the first to read the form.</summary>
    public int Order => 500;

    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        var request = context.HttpContext.Request;
        if (!request.HasFormContentType || request.ContentLength is not (> 0 and <= MaxLength))
        {
            return;
        }

        request.EnableBuffering();
        try
        {
            await request.ReadFormAsync(context.HttpContext.RequestAborted);
        }
        catch (InvalidDataException)
        {
            request.Body.Position = 0;
            using var reader = new StreamReader(request.Body, Encoding.UTF8, leaveOpen: true);
            request.Form = new FormCollection(QueryHelpers.ParseQuery(await reader.ReadToEndAsync(context.HttpContext.RequestAborted)));
        }
    }
}
