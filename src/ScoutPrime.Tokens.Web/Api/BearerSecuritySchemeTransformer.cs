using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ScoutPrime.Tokens.Web.Api;

/// <summary>Documents that every API operation takes <c>Authorization: Bearer &lt;token code&gt;</c>.</summary>
internal sealed class BearerSecuritySchemeTransformer : IOpenApiDocumentTransformer
{
    private const string SchemeName = "Bearer";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An API token code (scp_…), as shown by the Show button on the API Tokens screen.",
        };

        var requirement = new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, document)] = [] };
        // Every operation but the public leak report, which whoever found a leaked code calls without a token of ours.
        var authenticated = document.Paths.Where(p => !p.Key.EndsWith(LeakReports.LeakReportEndpoint.Path, StringComparison.Ordinal)).Select(p => p.Value);
        foreach (var operation in authenticated.Where(p => p.Operations is not null).SelectMany(p => p.Operations!.Values))
        {
            operation.Security ??= [];
            operation.Security.Add(requirement);
        }

        return Task.CompletedTask;
    }
}
