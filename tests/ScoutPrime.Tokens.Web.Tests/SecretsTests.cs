using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;
using ScoutPrime.Tokens.Web.Tokens;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>Where a token code may and may not end up.</summary>
public sealed class SecretsTests(TokensAppFactory app) : IClassFixture<TokensAppFactory>
{
    [Fact]
    public async Task No_code_digest_or_password_reaches_any_log_line()
    {
        var (member, _) = await app.SignInMemberAsync();
        var codes = new List<string>();
        foreach (var description in new[] { "one", "two" })
        {
            var id = await member.CreateTokenAsync(description);
            codes.Add(await member.RevealJsonAsync(id));
            await member.ShowAsync(id);
            var edit = await member.GetAsync($"/tokens/{id}/edit");
            await member.SubmitAsync(edit.Form(), new Dictionary<string, string> { ["Description"] = description + " edited" });
        }

        var doomed = await member.CreateTokenAsync("three");
        codes.Add(await member.RevealJsonAsync(doomed));
        await member.SubmitAsync((await member.GetAsync($"/tokens/{doomed}/delete")).Form());

        Assert.NotEmpty(app.Logs.Lines);
        var secrets = codes
            .SelectMany(code => new[] { code, code[TokenCode.Prefix.Length..], Convert.ToHexString(TokenCode.Digest(code)), Convert.ToBase64String(TokenCode.Digest(code)) })
            .Append(TokensAppFactory.Password);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(app.Logs.Lines, line => line.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public async Task Database_holds_neither_the_plain_code_nor_an_unprotected_key_when_a_certificate_is_set()
    {
        var certificatePath = Path.Combine(Path.GetTempPath(), $"scoutprime-dp-{Guid.NewGuid():N}.pfx");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=ScoutPrime.Tokens Data Protection", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            await File.WriteAllBytesAsync(certificatePath, certificate.Export(X509ContentType.Pfx, "pfx-password"));
        }

        try
        {
            using var withCertificate = TokensAppFactory.Dedicated()
                .With("DataProtection:CertificatePath", certificatePath)
                .With("DataProtection:CertificatePassword", "pfx-password");
            var (member, _) = await withCertificate.SignInMemberAsync();
            var id = await member.CreateTokenAsync();
            var code = await member.RevealJsonAsync(id);

            var keys = await withCertificate.WithDbAsync(db => Task.FromResult(db.DataProtectionKeys.Select(k => k.Xml!).ToList()));
            var token = await withCertificate.WithDbAsync(db => db.Tokens.FindAsync(id).AsTask());
            Assert.All(keys, xml => Assert.Contains("EncryptedXmlDecryptor", xml));
            Assert.All(keys, xml => Assert.DoesNotContain("<masterKey", xml));
            Assert.DoesNotContain(code, token!.ProtectedCode);
            Assert.Equal(TokenCode.Digest(code), token.Digest);
        }
        finally
        {
            File.Delete(certificatePath);
        }
    }

    [Fact]
    public async Task Reveal_answer_is_never_cached_and_the_code_never_appears_in_a_url()
    {
        var (member, _) = await app.SignInMemberAsync();
        var id = await member.CreateTokenAsync();

        var list = await member.GetAsync("/tokens");
        var form = list.Form($"#token-{id} form.reveal-form");
        var revealed = await member.SubmitAsync(form);

        Assert.Equal("post", form.Method);
        Assert.Equal(HttpStatusCode.OK, revealed.Status);
        Assert.True(revealed.Response.Headers.CacheControl!.NoStore);
        var code = revealed.Row(id)!.QuerySelector(".token-code")!.TextContent;
        Assert.All(revealed.Document.QuerySelectorAll("[href],[action],[src]"), e =>
            Assert.DoesNotContain(code, e.GetAttribute("href") ?? e.GetAttribute("action") ?? e.GetAttribute("src"), StringComparison.Ordinal));
    }
}
