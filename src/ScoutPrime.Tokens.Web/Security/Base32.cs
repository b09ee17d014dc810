namespace ScoutPrime.Tokens.Web.Security;

/// <summary>RFC 4648 base32, as Identity writes authenticator keys (its own decoder is internal).</summary>
internal static class Base32
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /// <returns>The bytes; null for anything that is not base32 (padding and case are forgiven).</returns>
    public static byte[]? Decode(string text)
    {
        var input = text.TrimEnd('=').ToUpperInvariant();
        var output = new byte[input.Length * 5 / 8];
        int buffer = 0, bits = 0, index = 0;
        foreach (var c in input)
        {
            var value = Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (value < 0)
            {
                return null;
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                output[index++] = (byte)(buffer >> bits);
                buffer &= (1 << bits) - 1;
            }
        }

        return output;
    }
}
