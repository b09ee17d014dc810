using Microsoft.AspNetCore.Authorization;
using ScoutPrime.Tokens.Web.Identity;
using ScoutPrime.Tokens.Web.TokenState;
using ScoutPrime.Tokens.Web.Infrastructure;
using ScoutPrime.Tokens.Web.LastUsed;
using ScoutPrime.Tokens.Web.Throttling;
using ScoutPrime.Tokens.Web.Validation;

namespace ScoutPrime.Tokens.Web.Api;

public static class ApiExtensions
{
    public const string BasePath = MachinePaths.Api;
    public const string OpenApiDocument = "v1";

    public static WebApplicationBuilder AddTokensApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ValidationOptions>().BindConfiguration(ValidationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<FailureGateOptions>().BindConfiguration(FailureGateOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<TokenValidationCache>();
        builder.Services.AddSingleton<ITokenStateSubscriber>(services => services.GetRequiredService<TokenValidationCache>());
        builder.Services.AddSingleton<ITokenLookup>(ITokenLookup.For);
        builder.Services.AddSingleton<TokenMetrics>();
        builder.Services.AddSingleton<LastUsedTracker>();
        builder.Services.AddSingleton<LastUsedWriter>();
        builder.Services.AddSingleton<Usage.UsageTracker>();
        builder.Services.AddSingleton<Usage.IUsageWriter>(Usage.IUsageWriter.For);
        builder.Services.AddHostedService(services => services.GetRequiredService<LastUsedWriter>());
        builder.Services.AddSingleton<FailureGate>();
        builder.Services.AddSingleton<TokenValidator>();
        builder.Services.AddSingleton<BearerCheck>();
        builder.Services.AddAuthentication()
            .AddScheme<ApiTokenAuthenticationOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationOptions.Scheme, null);
        builder.Services.AddOpenApi(OpenApiDocument, o =>
        {
            o.ShouldInclude = d => d.RelativePath?.StartsWith("api/", StringComparison.OrdinalIgnoreCase) == true;
            o.AddDocumentTransformer<BearerSecuritySchemeTransformer>();
        });
        return builder;
    }

    /// <summary>The API under <c>/api/v1</c>: the token scheme only (never the cookie), and the same role as the screens.</summary>
    public static WebApplication MapTokensApi(this WebApplication app)
    {
        app.MapOpenApi();
        // Outside the group, with no authorization at all, and left out of the OpenAPI document: an operations probe, not
        // part of the API contract. AllowAnonymous inside the group would still authenticate a Bearer header sent along
        // (the authorization middleware runs the policy's scheme before it honours AllowAnonymous): a token lookup, a
        // last-used stamp and a counted failure for a call that needs no token.
        app.MapGet(BasePath + "/v1/ping", ApiEndpoints.Ping).ExcludeFromDescription();
        var v1 = app.MapGroup(BasePath + "/v1")
            .RequireAuthorization(new AuthorizeAttribute(Policies.ManageTokens) { AuthenticationSchemes = ApiTokenAuthenticationOptions.Scheme })
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithTags("Tokens");
        v1.MapGet("/me", ApiEndpoints.Me).WithName("GetMe").WithSummary("The caller and the token it called with");
        v1.MapGet("/tokens", ApiEndpoints.ListTokens).WithName("ListTokens").WithSummary("The caller's tokens, metadata only");
        v1.MapGet("/tokens/{id:guid}", Lifecycle.TokenDetailsController.GetAsync).WithName("GetToken")
            .WithSummary("One of the caller's tokens, metadata and lifecycle only");
        v1.MapPost("/tokens/self/rotate", Lifecycle.SelfRotation.RotateAsync).WithName("RotateSelf")
            .WithSummary("Replaces the calling token with a new one; the old code keeps working for the chosen overlap");
        return app;
    }
}
