using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using ScoutPrime.Tokens.Web.Data;

namespace ScoutPrime.Tokens.Web.Security;

/// <summary>
/// Authenticator-app codes (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits, a step and a half either way as
/// Identity's own provider allows) that each work once. Identity's provider accepts the same code again for as long as
/// it is valid, so a code seen over a shoulder or in a proxy's log would sign in a second time; this one remembers the
/// last time step it accepted for each user and refuses that step and every earlier one. Saving the step goes through
/// the user's concurrency stamp: of two requests racing with one code, only one is accepted.
/// </summary>
public sealed class OneUseAuthenticatorTokenProvider(TimeProvider time) : IUserTwoFactorTokenProvider<AppUser>
{
    public const string Name = "OneUseAuthenticator";

    // The login provider Identity's own store uses for the authenticator key and the recovery codes.
    private const string StoreProvider = "[AspNetUserStore]";
    private const string LastStepName = "AuthenticatorLastStep";
    private const int StepSeconds = 30;
    private const int StepsEitherWay = 2;

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<AppUser> manager, AppUser user) =>
        !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));

    /// <summary>The app computes the code; the server never sends one.</summary>
    public Task<string> GenerateAsync(string purpose, UserManager<AppUser> manager, AppUser user) => Task.FromResult(string.Empty);

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<AppUser> manager, AppUser user)
    {
        if (token is not { Length: 6 } || !token.All(char.IsAsciiDigit)
            || await manager.GetAuthenticatorKeyAsync(user) is not { } key || Base32.Decode(key) is not { } secret)
        {
            return false;
        }

        var last = long.TryParse(await manager.GetAuthenticationTokenAsync(user, StoreProvider, LastStepName), CultureInfo.InvariantCulture, out var l) ? l : long.MinValue;
        var now = time.GetUtcNow().ToUnixTimeSeconds() / StepSeconds;
        for (var step = Math.Max(now - StepsEitherWay, last + 1); step <= now + StepsEitherWay; step++)
        {
            if (CryptographicOperations.FixedTimeEquals(MemoryMarshal.AsBytes(Code(secret, step).AsSpan()), MemoryMarshal.AsBytes(token.AsSpan())))
            {
                var saved = await manager.SetAuthenticationTokenAsync(user, StoreProvider, LastStepName, step.ToString(CultureInfo.InvariantCulture));
                return saved.Succeeded;
            }
        }

        return false;
    }

    /// <summary>RFC 4226's HOTP of the time step, 6 digits.</summary>
    internal static string Code(byte[] secret, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        Span<byte> hash = stackalloc byte[20];
#pragma warning disable CA5350 // RFC 6238 as every authenticator app computes it: HMAC-SHA1, safe as a keyed MAC.
        HMACSHA1.HashData(secret, counter, hash);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var binary = (BinaryPrimitives.ReadInt32BigEndian(hash[offset..]) & 0x7fffffff) % 1_000_000;
        return binary.ToString("D6", CultureInfo.InvariantCulture);
    }
}
