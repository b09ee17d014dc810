using System.IO.Hashing;
using System.Security.Cryptography;
using System.Text;

namespace ScoutPrime.Tokens.Web.Tokens;

/// <summary>
/// The token code format: <c>scp_</c>, 30 random base62 characters (about 178 bits), then a 6-character
/// base62 CRC-32 of everything before it. The prefix lets secret scanners recognise a leaked token;
/// the checksum lets a typo be refused without any lookup.
/// </summary>
public static class TokenCode
{
    public const string Prefix = "scp_";
    public const int RandomLength = 30;
    public const int ChecksumLength = 6;
    public const int Length = 40; // Prefix + RandomLength + ChecksumLength

    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static string Generate()
    {
        var body = Prefix + RandomNumberGenerator.GetString(Alphabet, RandomLength);
        return body + Checksum(body);
    }

    /// <summary>What is wrong with a presented value, checked without any lookup; null when it is well formed.</summary>
    public static TokenCodeFault? FindFault(ReadOnlySpan<char> code)
    {
        if (!code.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return TokenCodeFault.WrongPrefix;
        }

        if (code.Length != Length)
        {
            return TokenCodeFault.WrongLength;
        }

        foreach (var c in code[Prefix.Length..])
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return TokenCodeFault.NotBase62;
            }
        }

        Span<char> expected = stackalloc char[ChecksumLength];
        WriteChecksum(code[..^ChecksumLength], expected);
        return code[^ChecksumLength..].SequenceEqual(expected) ? null : TokenCodeFault.BadChecksum;
    }

    /// <summary>SHA-256 of the whole code: what the database stores and the API looks up.</summary>
    public static byte[] Digest(ReadOnlySpan<char> code)
    {
        Span<byte> ascii = stackalloc byte[Length];
        var written = Encoding.ASCII.GetBytes(code, ascii);
        return SHA256.HashData(ascii[..written]);
    }

    private static string Checksum(string body)
    {
        Span<char> checksum = stackalloc char[ChecksumLength];
        WriteChecksum(body, checksum);
        return new string(checksum);
    }

    private static void WriteChecksum(ReadOnlySpan<char> body, Span<char> destination)
    {
        Span<byte> ascii = stackalloc byte[body.Length];
        Encoding.ASCII.GetBytes(body, ascii);
        var crc = Crc32.HashToUInt32(ascii);
        for (var i = ChecksumLength - 1; i >= 0; i--)
        {
            destination[i] = Alphabet[(int)(crc % 62)];
            crc /= 62;
        }
    }
}

public enum TokenCodeFault
{
    WrongPrefix,
    WrongLength,
    NotBase62,
    BadChecksum,
}
