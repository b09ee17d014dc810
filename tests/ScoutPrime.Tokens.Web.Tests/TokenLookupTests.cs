using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ScoutPrime.Tokens.Web.Api;
using ScoutPrime.Tokens.Web.Data;
using ScoutPrime.Tokens.Web.Tokens;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;
using ScoutPrime.Tokens.Web.Validation;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>
/// The API's two ways to the database give the same answers: the statement SQLite keeps prepared, and the compiled
/// EF Core query every other provider (SQL Server) runs. Both run here, on the same SQLite rows.
/// </summary>
public sealed class TokenLookupTests(TokensAppFactory app) : IClassFixture<TokensAppFactory>
{
    public static TheoryData<TheoryCase<TokenState>> Cases() => TheoryCases.All<TokenState>();

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Prepared_statement_and_EF_Core_query_agree(TheoryCase<TokenState> state)
    {
        var given = state.Value;
        var now = app.Time.GetUtcNow();
        var owner = await app.CreateUserAsync($"lookup-{Guid.NewGuid():N}@example.com", given.OwnerRoles);
        var digest = TokenCode.Digest(TokenCode.Generate());
        await app.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Id == owner.Id);
            if (given.Lockout is { } lockout)
            {
                (user.LockoutEnabled, user.LockoutEnd) = (lockout.Enabled, now + lockout.EndFromNow);
            }
            else
            {
                user.LockoutEnd = null;
            }

            db.Tokens.Add(new ApiToken
            {
                OwnerId = owner.Id,
                Description = $"lookup: {given}",
                CreatedAt = now.AddDays(-3),
                ExpiresAt = given.Expired ? now.AddSeconds(-1) : now.AddDays(12),
                TimeoutDays = 15,
                Digest = digest,
                ProtectedCode = "not read by a lookup",
                LastUsedAt = given.Used ? now.AddMinutes(-42) : null,
                Version = Guid.NewGuid(),
            });
            return await db.SaveChangesAsync();
        });

        var (prepared, compiled) = await LookUpBothWaysAsync(digest);

        Assert.NotNull(prepared);
        Assert.NotNull(compiled);
        Assert.Equal(compiled.Digest, prepared.Digest);
        Assert.Equal(compiled, prepared with { Digest = compiled.Digest });
        Assert.Equal(owner.Id, prepared.OwnerId);
        Assert.Equal(given.InGroup, prepared.OwnerInGroup);
        Assert.Equal(given.MayCall, prepared.OwnerMayCall(now));
        Assert.Equal(given.Expired, prepared.IsExpired(now));
    }

    [Theory]
    [InlineData(false, null, false)]
    [InlineData(true, null, false)]
    [InlineData(false, 3600, false)]
    [InlineData(false, -1, true)]
    [InlineData(true, 0, true)]
    public async Task Both_read_suspension_and_replacement_alike(bool suspended, int? replacedUntilSeconds, bool successor)
    {
        var now = app.Time.GetUtcNow();
        var owner = await app.CreateUserAsync($"lifecycle-{Guid.NewGuid():N}@example.com", Identity.Roles.ApiTokensGroup);
        var digest = TokenCode.Digest(TokenCode.Generate());
        var replaces = successor ? Guid.NewGuid() : (Guid?)null;
        await app.WithDbAsync(db =>
        {
            db.Tokens.Add(new ApiToken
            {
                OwnerId = owner.Id,
                Description = "lifecycle lookup",
                CreatedAt = now.AddDays(-3),
                ExpiresAt = now.AddDays(12),
                TimeoutDays = 15,
                Digest = digest,
                ProtectedCode = "not read by a lookup",
                Version = Guid.NewGuid(),
                SuspendedAt = suspended ? now.AddMinutes(-5) : null,
                SuspendedById = suspended ? owner.Id : null,
                ReplacedById = replacedUntilSeconds is null ? null : Guid.NewGuid(),
                ReplacedUntil = replacedUntilSeconds is { } seconds ? now.AddSeconds(seconds) : null,
                ReplacesId = replaces,
            });
            return db.SaveChangesAsync();
        });

        var (prepared, compiled) = await LookUpBothWaysAsync(digest);

        Assert.NotNull(prepared);
        Assert.Equal(compiled, prepared with { Digest = compiled!.Digest });
        Assert.Equal(suspended, prepared.Suspended);
        Assert.Equal(replacedUntilSeconds is { } s ? now.AddSeconds(s) : null, prepared.ReplacedUntil);
        Assert.Equal(replaces, prepared.ReplacesId);
        var expected = suspended ? "Suspended" : replacedUntilSeconds <= 0 ? "Replaced" : null;
        Assert.Equal(expected, prepared.RefusalAt(now));
    }

    [Fact]
    public async Task Neither_finds_an_unknown_digest()
    {
        var (prepared, compiled) = await LookUpBothWaysAsync(TokenCode.Digest(TokenCode.Generate()));

        Assert.Null(prepared);
        Assert.Null(compiled);
    }

    [Fact]
    public async Task The_lookup_is_chosen_once_by_provider()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration["Database:Provider"] = "SqlServer";
        builder.Configuration["ConnectionStrings:Tokens"] = "Server=sql.invalid;Database=tokens;Encrypt=true";
        builder.AddTokensData();
        builder.AddTokensApi();
        await using var sqlServer = builder.Build();

        Assert.IsType<EfTokenLookup>(sqlServer.Services.GetRequiredService<ITokenLookup>());
        Assert.IsType<SqliteTokenLookup>(app.Services.GetRequiredService<ITokenLookup>());
    }

    private async Task<(ValidatedToken? Prepared, ValidatedToken? Compiled)> LookUpBothWaysAsync(byte[] digest)
    {
        var sqlite = Assert.IsType<SqliteTokenLookup>(app.Services.GetRequiredService<ITokenLookup>());
        var prepared = await sqlite.FindAsync(digest, CancellationToken.None);
        var compiled = await new EfTokenLookup(app.Services.GetRequiredService<IServiceScopeFactory>()).FindAsync(digest, CancellationToken.None);
        return (prepared, compiled);
    }
}
