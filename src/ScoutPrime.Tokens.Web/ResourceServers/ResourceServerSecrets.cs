using System.Security.Cryptography;
using System.Text;

namespace ScoutPrime.Tokens.Web.ResourceServers;

/// <summary>
/// Client ids and secrets of resource servers. Both are base62, so they need no escaping in HTTP Basic (RFC 6749
/// §2.3.1 form-encodes them first) nor in a configuration file; the prefixes let secret scanners recognise a leak.
/// </summary>
public static class ResourceServerSecrets
{
    public const string ClientIdPrefix = "rs_";
    public const string SecretPrefix = "rss_";
    public const int ClientIdLength = 3 + 22;

    /// <summary>43 base62 characters: about 256 bits.</summary>
    public const int SecretLength = 4 + 43;

    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static string NewClientId() => ClientIdPrefix + RandomNumberGenerator.GetString(Alphabet, ClientIdLength - ClientIdPrefix.Length);

    public static string NewSecret() => SecretPrefix + RandomNumberGenerator.GetString(Alphabet, SecretLength - SecretPrefix.Length);

    public static byte[] Digest(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    /// <summary>Compares digests in constant time, so the time taken says nothing about how much of a guess was right.</summary>
    public static bool Matches(string presented, byte[] storedDigest) =>
        CryptographicOperations.FixedTimeEquals(Digest(presented), storedDigest);
}
