using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ScoutPrime.Tokens.Web.Notices;

/// <summary>Hands a message over; throws when it could not. Chosen once at start-up (SMTP or pickup directory).</summary>
public interface IMailTransport
{
    /// <summary>Where mail goes, for the start-up log.</summary>
    string Destination { get; }

    Task SendAsync(MimeMessage message, CancellationToken ct);
}

public sealed class SmtpMailTransport(IOptions<MailOptions> options) : IMailTransport
{
    private SmtpOptions Smtp => options.Value.Smtp;

    public string Destination => $"SMTP {Smtp.Host}:{Smtp.Port}{(Smtp.UseTls ? " (TLS)" : "")}";

    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        using var client = new SmtpClient { Timeout = 30_000 };
        var security = !Smtp.UseTls ? SecureSocketOptions.None
            : Smtp.Port == 465 ? SecureSocketOptions.SslOnConnect
            : SecureSocketOptions.StartTls;
        await client.ConnectAsync(Smtp.Host!, Smtp.Port, security, ct);
        if (!string.IsNullOrEmpty(Smtp.User))
        {
            await client.AuthenticateAsync(Smtp.User, Smtp.Password ?? "", ct);
        }

        await client.SendAsync(message, ct);
        await client.DisconnectAsync(quit: true, ct);
    }
}

/// <summary>Writes each message as a standard .eml file, the default on a machine without a mail server.</summary>
public sealed class PickupDirectoryTransport(string directory) : IMailTransport
{
    public string Destination => $"the directory {directory}";

    public string Directory => directory;

    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        System.IO.Directory.CreateDirectory(directory);
        var name = $"{message.Date.UtcDateTime:yyyyMMdd'T'HHmmss}-{(message.MessageId ?? Guid.NewGuid().ToString("N")).Split('@')[0]}.eml";
        var path = Path.Combine(directory, name);
        // Written aside, then moved: a reader of the directory never sees half a message.
        var partial = path + ".partial";
        await message.WriteToAsync(partial, ct);
        File.Move(partial, path, overwrite: true);
    }
}
