using ScoutPrime.Tokens.Web.Tokens;

namespace ScoutPrime.Tokens.Web.Tests;

public sealed class TokenCodeTests
{
    [Fact]
    public void Generated_codes_have_the_prefix_length_alphabet_and_a_valid_checksum()
    {
        var codes = Enumerable.Range(0, 1000).Select(_ => TokenCode.Generate()).ToList();

        Assert.All(codes, code =>
        {
            Assert.Matches("^scp_[0-9A-Za-z]{36}$", code);
            Assert.Null(TokenCode.FindFault(code));
        });
        Assert.Equal(codes.Count, codes.Distinct().Count());
    }

    [Fact]
    public void Any_single_character_typo_is_caught_by_the_checksum()
    {
        var code = TokenCode.Generate();
        for (var i = TokenCode.Prefix.Length; i < code.Length; i++)
        {
            var typo = code.ToCharArray();
            typo[i] = typo[i] == 'a' ? 'b' : 'a';
            Assert.NotNull(TokenCode.FindFault(new string(typo)));
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("scp_")]
    [InlineData("ghp_0123456789abcdefghijklmnopqrstuvwxyz")]
    [InlineData("scp_0123456789abcdefghijklmnopqrstuvwxyzA")]
    [InlineData("scp_0123456789abcdefghijklmnopqrstuvwxy")]
    [InlineData("scp_0123456789abcdéfghijklmnopqrstuvwxyz")]
    [InlineData("scp_0123456789abcdefghijklmnopqrstu-wxyz")]
    public void Malformed_values_are_refused(string value) => Assert.NotNull(TokenCode.FindFault(value));

    /// <summary>Each fault is named for the first rule the value breaks, in the order prefix, length, alphabet, checksum.</summary>
    [Theory]
    [InlineData("", TokenCodeFault.WrongPrefix)]
    [InlineData("SCP_0123456789ABCDEFGHIJKLMNOPQRST3Al0vG", TokenCodeFault.WrongPrefix)]
    [InlineData("scp_", TokenCodeFault.WrongLength)]
    [InlineData("scp_0000000000000000000000000000000000000", TokenCodeFault.WrongLength)]
    [InlineData("scp_000000000000000000000000000003Al0vG", TokenCodeFault.WrongLength)]
    [InlineData("scp_0000000000000000000000000000003Al0vGx", TokenCodeFault.WrongLength)]
    [InlineData("scp_00000000000000000000000000000-3Al0vG", TokenCodeFault.NotBase62)]
    [InlineData("scp_0000000000000000000000000000003Al0v_", TokenCodeFault.NotBase62)]
    [InlineData("scp_00000000000000000000000000000é3Al0vG", TokenCodeFault.NotBase62)]
    [InlineData("scp_000000000000000000000000000000 Al0vG", TokenCodeFault.NotBase62)]
    [InlineData("scp_0000000000000000000000000000013Al0vG", TokenCodeFault.BadChecksum)]
    public void The_fault_named_is_the_first_rule_broken(string value, TokenCodeFault fault) => Assert.Equal(fault, TokenCode.FindFault(value));

    /// <summary>
    /// Known answers computed outside .NET (Python's zlib.crc32 of "scp_" + body, written as 6 base62 digits,
    /// most significant first, alphabet 0-9A-Za-z): the format secret scanners implement, not just .NET agreeing
    /// with itself. The CRC-32 values are in the comments.
    /// </summary>
    [Theory]
    [InlineData("000000000000000000000000000000", "3Al0vG")] // 2907366822
    [InlineData("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzz", "0suoiX")] // 811463473
    [InlineData("0123456789ABCDEFGHIJKLMNOPQRST", "0mARIJ")] // 711752331
    [InlineData("UVWXYZabcdefghijklmnopqrstuvwx", "1Wz8cT")] // 1403546729
    [InlineData("k3PqZ8vN2rT7yLmW4sXcB9dF6gH1jA", "0p77t1")] // 755291751
    public void Checksum_matches_known_answers(string body, string checksum)
    {
        Assert.Null(TokenCode.FindFault($"scp_{body}{checksum}"));
        Assert.Equal(TokenCodeFault.BadChecksum, TokenCode.FindFault($"scp_{body}{checksum[1..]}{checksum[0]}"));
        Assert.Equal(TokenCodeFault.BadChecksum, TokenCode.FindFault($"scp_{body}000000"));
    }

    [Fact]
    public void Digest_is_the_sha256_of_the_whole_code()
    {
        var code = TokenCode.Generate();

        Assert.Equal(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(code)), TokenCode.Digest(code));
    }
}
