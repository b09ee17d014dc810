using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ScoutPrime.Tokens.Web.Notices;

/// <summary>How notices leave: by SMTP when <see cref="SmtpOptions.Host"/> is set, else as .eml files.</summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    public const string DefaultPickupDirectory = "mail";

    public string From { get; set; } = "scoutPRIME API Tokens <no-reply@scoutprime.local>";

    /// <summary>Where .eml files go without an SMTP host; relative to the content root.</summary>
    public string PickupDirectory { get; set; } = DefaultPickupDirectory;

    public SmtpOptions Smtp { get; set; } = new();
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    /// <summary>TLS from the start on port 465, STARTTLS (required) on any other; false sends in the clear.</summary>
    public bool UseTls { get; set; } = true;

    public string? User { get; set; }

    public string? Password { get; set; }
}

internal sealed class ValidateMailOptions : IValidateOptions<MailOptions>
{
    public ValidateOptionsResult Validate(string? name, MailOptions options)
    {
        if (!MailboxAddress.TryParse(options.From, out _))
        {
            return ValidateOptionsResult.Fail($"Mail:From is not a mail address (got '{options.From}').");
        }

        if (options.Smtp.Port is < 1 or > 65535)
        {
            return ValidateOptionsResult.Fail($"Mail:Smtp:Port must be 1-65535 (got {options.Smtp.Port}).");
        }

        if (!string.IsNullOrEmpty(options.Smtp.User) && string.IsNullOrEmpty(options.Smtp.Password))
        {
            return ValidateOptionsResult.Fail("Mail:Smtp:User is set but Mail:Smtp:Password is not.");
        }

        return string.IsNullOrWhiteSpace(options.Smtp.Host) && string.IsNullOrWhiteSpace(options.PickupDirectory)
            ? ValidateOptionsResult.Fail("Mail:PickupDirectory must not be empty when no Mail:Smtp:Host is set.")
            : ValidateOptionsResult.Success;
    }
}
