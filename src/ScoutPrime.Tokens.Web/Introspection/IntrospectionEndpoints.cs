using ScoutPrime.Tokens.Web.ResourceServers;

namespace ScoutPrime.Tokens.Web.Introspection;

public static class IntrospectionEndpoints
{
    public const string Path = "/connect/introspect";

    public static WebApplicationBuilder AddIntrospection(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<IntrospectionOptions>().BindConfiguration(IntrospectionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<ResourceServerService>();
        builder.Services.AddSingleton<ResourceServerClients>();
        builder.Services.AddSingleton<ResourceServerLastUsedWriter>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ResourceServerLastUsedWriter>());
        builder.Services.AddSingleton<IntrospectionRateLimit>();
        builder.Services.AddSingleton<IntrospectionEndpoint>();
        return builder;
    }

    /// <summary>
    /// The endpoint reads its own form (no model binding, so no antiforgery: a resource server has no browser session)
    /// and authenticates its own clients, so it needs nothing of the site's middleware but routing.
    /// </summary>
    public static WebApplication MapIntrospection(this WebApplication app)
    {
        var endpoint = app.Services.GetRequiredService<IntrospectionEndpoint>();
        app.MapPost(Path, endpoint.HandleAsync).ExcludeFromDescription();
        app.MapGet(Discovery.Path, Discovery.Metadata).ExcludeFromDescription();
        return app;
    }
}
