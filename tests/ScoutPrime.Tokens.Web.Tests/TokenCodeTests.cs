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

    [Fact]
    public void Digest_is_the_sha256_of_the_whole_code()
    {
        var code = TokenCode.Generate();

        Assert.Equal(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(code)), TokenCode.Digest(code));
    }
}
