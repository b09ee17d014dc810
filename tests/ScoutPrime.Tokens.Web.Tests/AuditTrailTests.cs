using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ScoutPrime.Tokens.Web.Audit;
using ScoutPrime.Tokens.Web.Identity;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;
using ScoutPrime.Tokens.Web.Tokens;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>Every change to a token leaves one audit entry saying who did what to whose token.</summary>
public sealed class AuditTrailTests(TokensAppFactory app) : IClassFixture<TokensAppFactory>
{
    [Fact]
    public async Task Create_edit_and_delete_by_the_owner_are_each_recorded_as_the_owners()
    {
        var (member, user) = await app.SignInMemberAsync();

        var id = await member.CreateTokenAsync("audited", 15);
        await member.EditTokenAsync(id, "audited again", 20);
        await member.DeleteTokenAsync(id);

        var entries = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.TokenId == id).OrderBy(a => a.Id).ToListAsync());
        Assert.Equal([AuditActions.TokenCreated, AuditActions.TokenUpdated, AuditActions.TokenDeleted], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal((user.Id, user.Id), (e.ActorId, e.SubjectUserId)));
        Assert.Equal("audited again", entries[^1].Detail);
        Assert.All(entries, e => Assert.Equal(app.Time.GetUtcNow(), e.At));
    }

    [Fact]
    public async Task Each_reveal_is_recorded_and_every_step_is_logged_with_who_but_never_the_code()
    {
        var (member, user) = await app.SignInMemberAsync();
        var (id, code) = await member.CreateTokenWithCodeAsync("revealed twice");
        Assert.Equal(code, await member.RevealJsonAsync(id));
        await member.EditTokenAsync(id, "revealed twice, edited", 20);
        await member.DeleteTokenAsync(id);

        var actions = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.TokenId == id).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal(
            [AuditActions.TokenCreated, AuditActions.TokenRevealed, AuditActions.TokenRevealed, AuditActions.TokenUpdated, AuditActions.TokenDeleted],
            actions);
        var lines = app.Logs.Lines.Where(l => l.Contains($"Token {id} ", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            [$"created by {user.Id}", $"revealed to {user.Id}", $"revealed to {user.Id}", $"updated by {user.Id}", $"deleted by {user.Id}"],
            lines.Select(l => l[(l.IndexOf($"Token {id} ", StringComparison.Ordinal) + $"Token {id} ".Length)..].Trim()));
        Assert.DoesNotContain(app.Logs.Lines, l => l.Contains(code[4..], StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_refused_change_records_nothing()
    {
        var (member, _) = await app.SignInMemberAsync();
        var id = await member.CreateTokenAsync("short", 1);
        var form = await member.GetAsync($"/tokens/{id}/edit");
        app.Time.Advance(TimeSpan.FromDays(1));

        await member.SubmitAsync(form.Form(), new Dictionary<string, string> { ["Description"] = "too late" });

        var actions = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.TokenId == id).Select(a => a.Action).ToListAsync());
        Assert.Equal([AuditActions.TokenCreated], actions);
    }

    [Fact]
    public async Task An_administrators_deletion_is_recorded_as_the_administrators_not_the_owners()
    {
        var (member, owner) = await app.SignInMemberAsync();
        var id = await member.CreateTokenAsync("leaked");
        var (admin, administrator) = await app.SignInNewUserAsync(Roles.Administrators);

        var details = await admin.DetailsAsync(owner.Id);
        var confirmation = await admin.GetAsync(details.Row(id)!.QuerySelector("a[title=Delete]")!.GetAttribute("href")!);
        await admin.SubmitAsync(confirmation.Form());

        var deletion = await app.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.TokenId == id && a.Action != AuditActions.TokenCreated));
        Assert.Equal(
            (AuditActions.TokenDeletedByAdministrator, administrator.Id, owner.Id, "leaked"),
            (deletion.Action, deletion.ActorId, deletion.SubjectUserId, deletion.Detail));
        var row = (await admin.DetailsAsync(owner.Id)).Document.QuerySelector("table.history tbody tr")!;
        Assert.Contains("Token deleted by an administrator", row.TextContent);
        Assert.Contains(administrator.Email!, row.TextContent);
        Assert.DoesNotContain(owner.Email!, row.TextContent);
    }

    [Fact]
    public async Task Only_an_administrators_principal_can_delete_as_an_administrator()
    {
        var (member, owner) = await app.SignInMemberAsync();
        var id = await member.CreateTokenAsync("kept");
        var (_, other) = await app.SignInMemberAsync();
        var notAnAdministrator = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, other.Id), new Claim(ClaimTypes.Role, Roles.ApiTokensGroup)], "Test"));
        await using var scope = app.Services.CreateAsyncScope();
        var tokens = scope.ServiceProvider.GetRequiredService<TokenService>();

        await Assert.ThrowsAsync<InvalidOperationException>(() => tokens.DeleteAsAdministratorAsync(notAnAdministrator, owner.Id, id, CancellationToken.None));

        Assert.True(await app.WithDbAsync(db => db.Tokens.AnyAsync(t => t.Id == id)));
    }
}
