using Microsoft.Extensions.Options;

namespace ScoutPrime.Tokens.Web.Infrastructure;

public sealed class SiteOptions
{
    public const string Section = "Site";

    /// <summary>
    /// The site's public address, e.g. <c>https://tokens.example.com</c>. Absolute URLs (redirects, the OpenAPI
    /// servers entry) are built from it instead of from the Host header a client sends. Required in Production.
    /// </summary>
    public Uri? BaseUrl { get; set; }
}

/// <summary>An absolute http(s) address at the root of its host, and one at all in Production.</summary>
internal sealed class ValidateSiteOptions(IHostEnvironment environment) : IValidateOptions<SiteOptions>
{
    public ValidateOptionsResult Validate(string? name, SiteOptions options) => options.BaseUrl switch
    {
        null when environment.IsProduction() =>
            ValidateOptionsResult.Fail("Site:BaseUrl is required in Production: the site's public address, e.g. https://tokens.example.com."),
        null => ValidateOptionsResult.Success,
        { IsAbsoluteUri: false } or { Scheme: not ("http" or "https") } or { AbsolutePath: not "/" } or { Query.Length: > 0 } =>
            ValidateOptionsResult.Fail($"Site:BaseUrl must be an absolute http or https address with no path, e.g. https://tokens.example.com (got '{options.BaseUrl}')."),
        _ => ValidateOptionsResult.Success,
    };
}
