namespace ScoutPrime.Tokens.Web.Tests.Infrastructure;

/// <summary>
/// A test class's shared application whose mail goes to a pickup directory of its own: tests stay apart by their own
/// users and tokens, and only ever move the shared clock forward.
/// </summary>
public sealed class NoticesApp : IDisposable
{
    private readonly string _mailbox;

    public NoticesApp() => App = TokensAppFactory.Dedicated().WithMailbox(out _mailbox);

    public TokensAppFactory App { get; }

    public string Mailbox => _mailbox;

    public void Dispose()
    {
        App.Dispose();
        NoticeSteps.Delete(_mailbox);
    }
}
