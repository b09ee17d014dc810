using Microsoft.AspNetCore.Identity;
using ScoutPrime.Tokens.Web.Data;

namespace ScoutPrime.Tokens.Web.Identity.Passkeys;

/// <summary>
/// The server's half of a passkey ceremony, on Identity's <see cref="SignInManager{TUser}"/> (the browser's half is
/// wwwroot/js/passkeys.js). Identity keeps each challenge in this browser's short-lived two-factor cookie (5 minutes)
/// and forgets it as it reads it, so a challenge answers once: a replayed, stale or never-requested credential finds
/// none. Every way a credential can be wrong ends as a <see cref="PasskeyFailure"/>, never an exception.
/// </summary>
public sealed partial class PasskeyCeremonies(SignInManager<AppUser> signIn, ILogger<PasskeyCeremonies> logger)
{
    /// <summary>A browser's credential is 1–3 KB; anything far larger is not one.</summary>
    public const int MaxCredentialLength = 16 * 1024;

    public Task<string> CreationOptionsAsync(AppUser user) =>
        signIn.MakePasskeyCreationOptionsAsync(new PasskeyUserEntity { Id = user.Id, Name = user.UserName!, DisplayName = user.Email! });

    /// <summary>Options for <c>navigator.credentials.get</c>: for any passkey (sign-in) or only <paramref name="user"/>'s.</summary>
    public Task<string> RequestOptionsAsync(AppUser? user) => signIn.MakePasskeyRequestOptionsAsync(user);

    /// <summary>Checks a new passkey against this browser's creation challenge.</summary>
    public async Task<(PasskeyAttestationResult? Result, PasskeyFailure? Failure)> AttestAsync(string? credentialJson)
    {
        if (Check(credentialJson) is { } failure)
        {
            return (null, failure);
        }

        try
        {
            var result = await signIn.PerformPasskeyAttestationAsync(credentialJson!);
            if (result.Succeeded)
            {
                return (result, null);
            }

            LogRefused(logger, "creation", result.Failure.Message);
            return (null, PasskeyFailure.Refused);
        }
        catch (InvalidOperationException)
        {
            return (null, NoChallenge());
        }
    }

    /// <summary>Checks an assertion against this browser's request challenge; on success stores the new signature count.</summary>
    public async Task<(AppUser? User, PasskeyFailure? Failure)> AssertAsync(string? credentialJson)
    {
        if (Check(credentialJson) is { } failure)
        {
            return (null, failure);
        }

        try
        {
            var result = await signIn.PerformPasskeyAssertionAsync(credentialJson!);
            if (!result.Succeeded)
            {
                LogRefused(logger, "assertion", result.Failure.Message);
                return (null, PasskeyFailure.Refused);
            }

            // The count must move forward with every use: a copied authenticator would repeat one.
            if (result is not { User: { } user, Passkey: { } passkey })
            {
                return (null, PasskeyFailure.Refused);
            }

            var stored = await signIn.UserManager.AddOrUpdatePasskeyAsync(user, passkey);
            return stored.Succeeded ? (user, null) : (null, PasskeyFailure.Refused);
        }
        catch (InvalidOperationException)
        {
            return (null, NoChallenge());
        }
    }

    private static PasskeyFailure? Check(string? credentialJson) => credentialJson switch
    {
        null or "" => PasskeyFailure.NoCredential,
        { Length: > MaxCredentialLength } => PasskeyFailure.Refused,
        _ => null,
    };

    // Identity throws when this browser holds no challenge for the ceremony: it expired, was used, or never existed.
    private PasskeyFailure NoChallenge()
    {
        LogNoChallenge(logger);
        return PasskeyFailure.NoChallenge;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Passkey {Ceremony} refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string ceremony, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Passkey credential refused: no challenge pending for this browser (expired, used or never requested)")]
    private static partial void LogNoChallenge(ILogger logger);
}

/// <summary>Why a passkey was not accepted, in words a user can act on.</summary>
public sealed record PasskeyFailure(string Message)
{
    public static readonly PasskeyFailure NoCredential = new(
        "Passkeys need JavaScript and a browser that supports them. You can still sign in with your email and password.");

    public static readonly PasskeyFailure NoChallenge = new("The passkey request expired or was already used. Please try again.");

    public static readonly PasskeyFailure Refused = new("That passkey was not accepted. Try again, or use another passkey.");

    public static readonly PasskeyFailure LockedOut = new("This account cannot sign in at the moment.");
}
