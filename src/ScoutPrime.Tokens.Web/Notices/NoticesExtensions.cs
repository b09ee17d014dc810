using Microsoft.Extensions.Options;
using ScoutPrime.Tokens.Web.TokenState;

namespace ScoutPrime.Tokens.Web.Notices;

public static class NoticesExtensions
{
    public static WebApplicationBuilder AddNotices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<MailOptions>().BindConfiguration(MailOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<MailOptions>, ValidateMailOptions>();
        var contentRoot = builder.Environment.ContentRootPath;
        // The transport is chosen once, here: SMTP when a host is set, otherwise .eml files in the pickup directory.
        services.AddSingleton<IMailTransport>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<MailOptions>>();
            return string.IsNullOrWhiteSpace(options.Value.Smtp.Host)
                ? new PickupDirectoryTransport(Path.GetFullPath(Path.Combine(contentRoot, options.Value.PickupDirectory)))
                : new SmtpMailTransport(options);
        });
        services.AddSingleton<OutboxClaimant>();
        services.AddSingleton<NoticeMail>();
        services.AddScoped<Outbox>();
        services.AddScoped<ExpiryNoticeScan>();
        services.AddScoped<SecurityDigest>();
        services.AddScoped<ExpiryBannerQuery>();
        services.AddSingleton<ITokenStateSubscriber, SecurityNotices>();
        services.AddHostedService<NoticeScheduler>();
        services.AddHostedService<OutboxDispatcher>();
        return builder;
    }
}
