using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ScoutPrime.Tokens.Web.Audit;
using ScoutPrime.Tokens.Web.Data;
using ScoutPrime.Tokens.Web.Identity;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;
using ScoutPrime.Tokens.Web.Tokens;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>Showing a code needs a proof of identity (a sign-in or a re-entered password) from the last 10 minutes.</summary>
public sealed class SudoModeTests(TokensAppFactory app) : IClassFixture<TokensAppFactory>
{
    private static readonly TimeSpan JustInside = TimeSpan.FromMinutes(9) + TimeSpan.FromSeconds(59);
    private static readonly TimeSpan JustOutside = TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Show_at_9_59_after_sign_in_reveals_the_code_with_and_without_javascript()
    {
        var (member, _) = await app.SignInMemberAsync();
        var id = await member.CreateTokenAsync("fresh");
        app.Time.Advance(JustInside);

        Assert.Null(TokenCode.FindFault(await member.RevealJsonAsync(id)));
        var shown = await member.ShowAsync(id);
        Assert.Equal(HttpStatusCode.OK, shown.Status);
        Assert.StartsWith(TokenCode.Prefix, shown.Row(id)!.QuerySelector(".token-code")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_at_10_01_asks_for_a_proof_on_every_path_and_never_answers_the_code()
    {
        var (member, _) = await app.SignInMemberAsync();
        var id = await member.CreateTokenAsync("stale");
        app.Time.Advance(JustOutside);
        var proofUrl = $"{SecurityScreens.ProofPage}?returnUrl=%2Ftokens%2F{id}%2Freveal";

        var json = await member.RevealJsonRawAsync(id);
        Assert.Equal(HttpStatusCode.Forbidden, json.Status);
        Assert.Equal("application/problem+json", json.Response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(proofUrl, json.Json().GetProperty("proofUrl").GetString());

        var form = await member.SubmitAsync((await member.GetAsync("/tokens")).Form($"#token-{id} form.reveal-form"));
        var get = await member.GetAsync($"/tokens/{id}/reveal");
        foreach (var page in new[] { json, form, get })
        {
            Assert.DoesNotContain(TokenCode.Prefix, page.Html, StringComparison.Ordinal);
            Assert.True(page.Response.Headers.CacheControl!.NoStore);
        }

        Assert.Equal((HttpStatusCode.Redirect, proofUrl), (form.Status, form.Location));
        Assert.Equal((HttpStatusCode.Redirect, proofUrl), (get.Status, get.Location));
        Assert.Equal(0, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.TokenId == id && a.Action == AuditActions.TokenRevealed)));
    }

    [Fact]
    public async Task Rotate_at_10_01_asks_for_a_proof_and_rotates_nothing()
    {
        var (member, user) = await app.SignInMemberAsync();
        var id = await member.CreateTokenAsync("stale rotation");
        var confirm = await member.GetAsync($"/tokens/{id}/rotate");
        app.Time.Advance(JustOutside);
        var proofUrl = $"{SecurityScreens.ProofPage}?returnUrl=%2Ftokens%2F{id}%2Frotate";

        var page = await member.GetAsync($"/tokens/{id}/rotate");
        var post = await member.SubmitAsync(confirm.Form(), new Dictionary<string, string> { ["overlap"] = "PT1H" });

        Assert.Equal((HttpStatusCode.Redirect, proofUrl), (page.Status, page.Location));
        Assert.Equal((HttpStatusCode.Redirect, proofUrl), (post.Status, post.Location));
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<ApiToken>().CountAsync(t => t.OwnerId == user.Id)));
    }

    [Fact]
    public async Task Stale_show_proves_with_the_password_and_comes_back_with_the_token_revealed()
    {
        var user = await app.CreateUserAsync($"proof-{Guid.NewGuid():N}@example.com", Roles.ApiTokensGroup);
        using var member = app.CreateBrowser("198.51.100.23");
        await member.SignInAsync(user.Email!, TokensAppFactory.Password);
        var id = await member.CreateTokenAsync("after proof");
        app.Time.Advance(TimeSpan.FromHours(3));

        var asked = await member.SubmitAsync((await member.GetAsync("/tokens")).Form($"#token-{id} form.reveal-form"));
        var proofPage = await member.GetAsync(asked.Location!);
        Assert.Equal(HttpStatusCode.OK, proofPage.Status);
        var proved = await member.SubmitAsync(proofPage.Form("form#confirm-identity"), new Dictionary<string, string> { ["Input.Password"] = TokensAppFactory.Password });
        Assert.Equal((HttpStatusCode.Redirect, $"/tokens/{id}/reveal"), (proved.Status, proved.Location));

        // Back on the list with that token's Show focused; one more press (a POST) shows the code.
        var ready = await member.GetAsync(proved.Location!);
        Assert.Equal(HttpStatusCode.OK, ready.Status);
        Assert.DoesNotContain(TokenCode.Prefix, ready.Html, StringComparison.Ordinal);
        Assert.NotNull(ready.Row(id)!.QuerySelector("form.reveal-form button[autofocus]"));
        var revealed = await member.SubmitAsync(ready.Form($"#token-{id} form.reveal-form"));
        Assert.Equal(HttpStatusCode.OK, revealed.Status);
        Assert.True(revealed.Response.Headers.CacheControl!.NoStore);
        Assert.Null(TokenCode.FindFault(revealed.Row(id)!.QuerySelector(".token-code.server-revealed")!.TextContent));

        // The proof is fresh for another 10 minutes, then asked again.
        app.Time.Advance(JustInside);
        Assert.Null(TokenCode.FindFault(await member.RevealJsonAsync(id)));
        app.Time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(HttpStatusCode.Forbidden, (await member.RevealJsonRawAsync(id)).Status);

        var audit = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.SubjectUserId == user.Id).OrderBy(a => a.Id).ToListAsync());
        var proof = Assert.Single(audit, a => a.Action == AuditActions.IdentityProved);
        Assert.Equal((user.Id, "password from 198.51.100.23"), (proof.ActorId, proof.Detail));
        Assert.All(audit.Where(a => a.Action == AuditActions.TokenRevealed), a => Assert.Equal((id, "from 198.51.100.23"), (a.TokenId, a.Detail)));
        Assert.Equal(2, audit.Count(a => a.Action == AuditActions.TokenRevealed));
    }

    [Fact]
    public async Task A_GET_of_the_reveal_address_with_a_fresh_proof_shows_nothing_and_changes_nothing()
    {
        var (member, user) = await app.SignInMemberAsync();
        var id = await member.CreateTokenAsync("no reveal by link");

        var page = await member.GetAsync($"/tokens/{id}/reveal");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.DoesNotContain(TokenCode.Prefix, page.Html, StringComparison.Ordinal);
        Assert.Null(page.Row(id)!.QuerySelector(".token-code.server-revealed"));
        Assert.NotNull(page.Row(id)!.QuerySelector("form.reveal-form button[autofocus]"));
        Assert.Null(await app.WithDbAsync(db => db.Set<ApiToken>().Where(t => t.Id == id).Select(t => t.FirstRevealedAt).SingleAsync()));
        Assert.Equal(0, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.SubjectUserId == user.Id && a.Action == AuditActions.TokenRevealed)));
        Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync($"/tokens/{Guid.NewGuid()}/reveal")).Status);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_and_audited_and_proves_nothing()
    {
        var (member, user) = await app.SignInMemberAsync();
        var id = await member.CreateTokenAsync("wrong password");
        app.Time.Advance(JustOutside);

        var refused = await member.ConfirmIdentityAsync("not-the-password", returnUrl: $"/tokens/{id}/reveal");
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("That password is not right", refused.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.RevealJsonRawAsync(id)).Status);
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.SubjectUserId == user.Id && a.Action == AuditActions.IdentityProofFailed)));
        Assert.Equal(1, await app.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.AccessFailedCount).SingleAsync()));
    }

    [Fact]
    public async Task The_proof_page_goes_back_only_to_a_local_address()
    {
        var (member, _) = await app.SignInMemberAsync();
        var proved = await member.ConfirmIdentityAsync(TokensAppFactory.Password, returnUrl: "https://evil.example/steal");
        Assert.Equal((HttpStatusCode.Redirect, "/"), (proved.Status, proved.Location));
    }

    [Fact]
    public async Task The_proof_form_needs_its_antiforgery_token_and_a_signed_in_user()
    {
        var (member, _) = await app.SignInMemberAsync();
        var forged = await member.PostRawAsync(SecurityScreens.ProofPage, new Dictionary<string, string> { ["Input.Password"] = TokensAppFactory.Password });
        Assert.Equal(HttpStatusCode.BadRequest, forged.Status);

        using var anonymous = app.CreateBrowser();
        var page = await anonymous.GetAsync(SecurityScreens.ProofPage);
        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.StartsWith("http://localhost/Identity/Account/Login", page.Location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_password_is_a_clear_message_not_an_error()
    {
        var (member, _) = await app.SignInMemberAsync();
        var page = await member.ConfirmIdentityAsync(string.Empty);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("The Password field is required.", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_group_change_rebuilding_the_session_keeps_the_proof_time_not_a_new_one()
    {
        var (member, user) = await app.SignInMemberAsync();
        var id = await member.CreateTokenAsync("role change");
        app.Time.Advance(JustOutside);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            Assert.True((await users.AddToRoleAsync((await users.FindByIdAsync(user.Id))!, Roles.Administrators)).Succeeded);
        }

        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/admin/users")).Status); // the session was rebuilt
        Assert.Equal(HttpStatusCode.Forbidden, (await member.RevealJsonRawAsync(id)).Status);
    }
}
