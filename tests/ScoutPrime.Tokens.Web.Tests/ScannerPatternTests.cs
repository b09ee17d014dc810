using System.Text;
using System.Text.RegularExpressions;
using ScoutPrime.Tokens.Web.Tokens;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>The pattern and checksum rule the README gives secret scanners, implemented from its words alone, hold for every code.</summary>
public sealed partial class ScannerPatternTests
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    [Fact]
    public void Every_generated_code_matches_the_documented_pattern_and_checksum()
    {
        for (var i = 0; i < 1_000; i++)
        {
            var code = TokenCode.Generate();
            Assert.Matches(Pattern(), code);
            Assert.True(PassesDocumentedChecksum(code), code);
            var altered = code[..20] + (code[20] == 'x' ? 'y' : 'x') + code[21..];
            Assert.False(PassesDocumentedChecksum(altered));
        }
    }

    [Fact]
    public void The_READMEs_example_passes_and_a_changed_character_fails()
    {
        Assert.True(PassesDocumentedChecksum("scp_0000000000000000000000000000003Al0vG"));
        Assert.Null(TokenCode.FindFault("scp_0000000000000000000000000000003Al0vG"));
        Assert.False(PassesDocumentedChecksum("scp_0000000000000000000000000000003Al0vH"));
    }

    /// <summary>CRC-32 (reflected 0x04C11DB7, init and final XOR 0xFFFFFFFF) of the first 34 ASCII bytes, as 6 base-62 digits.</summary>
    private static bool PassesDocumentedChecksum(string code)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in Encoding.ASCII.GetBytes(code[..34]))
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        crc ^= 0xFFFFFFFFu;
        var digits = new char[6];
        for (var i = 5; i >= 0; i--)
        {
            digits[i] = Alphabet[(int)(crc % 62)];
            crc /= 62;
        }

        return code[34..] == new string(digits);
    }

    [GeneratedRegex(@"\bscp_[0-9A-Za-z]{36}\b")]
    private static partial Regex Pattern();
}
