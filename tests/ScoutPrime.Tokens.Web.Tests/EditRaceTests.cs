using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using ScoutPrime.Tokens.Web.Audit;
using ScoutPrime.Tokens.Web.Data;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;
using ScoutPrime.Tokens.Web.Tokens;
using ScoutPrime.Tokens.Web.TokenState;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>
/// Another save landing between an edit's read and its write: the edit fails on the stored version and answers with
/// what is stored now. Driven on the service, with the other save made from inside the edit's SaveChanges, because no
/// pair of HTTP requests can be timed into that gap; the form's side of a conflict is in EditFlowTests.
/// </summary>
public sealed class EditRaceTests(TokensAppFactory app) : IClassFixture<TokensAppFactory>
{
    [Fact]
    public async Task An_edit_saved_by_someone_else_in_between_makes_it_a_conflict_showing_theirs()
    {
        var (member, user) = await app.SignInMemberAsync();
        var id = await member.CreateTokenAsync("v1");

        var result = await EditWhileAsync(user.Id, id, async other =>
        {
            var version = (await other.FindForOwnerAsync(user.Id, id, CancellationToken.None))!.Version;
            Assert.Equal(TokenChange.Done, (await other.UpdateAsync(user.Id, id, "theirs", 20, version, CancellationToken.None)).Outcome);
        });

        Assert.Equal(TokenChange.Conflict, result.Outcome);
        Assert.Equal(("theirs", 20), (result.Current!.Description, result.Current.TimeoutDays));
        var stored = await app.WithDbAsync(db => db.Tokens.AsNoTracking().SingleAsync(t => t.Id == id));
        Assert.Equal((stored.Description, stored.Version), (result.Current.Description, result.Current.Version));
        var actions = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.TokenId == id).Select(a => a.Action).ToListAsync());
        Assert.Equal([AuditActions.TokenCreated, AuditActions.TokenUpdated], actions);
    }

    [Fact]
    public async Task A_deletion_in_between_makes_the_edit_not_found()
    {
        var (member, user) = await app.SignInMemberAsync();
        var id = await member.CreateTokenAsync("v1");

        var result = await EditWhileAsync(user.Id, id, async other =>
            Assert.Equal("v1", await other.DeleteAsync(user.Id, id, CancellationToken.None)));

        Assert.Same(TokenUpdate.NotFound, result);
        Assert.False(await app.WithDbAsync(db => db.Tokens.AnyAsync(t => t.Id == id)));
    }

    private async Task<TokenUpdate> EditWhileAsync(string ownerId, Guid id, Func<TokenService, Task> meanwhile)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var options = new DbContextOptionsBuilder<SqliteTokensDbContext>(services.GetRequiredService<DbContextOptions<SqliteTokensDbContext>>())
            .AddInterceptors(new Meanwhile(async () =>
            {
                await using var otherScope = app.Services.CreateAsyncScope();
                await meanwhile(otherScope.ServiceProvider.GetRequiredService<TokenService>());
            }))
            .Options;
        await using var db = new SqliteTokensDbContext(options);
        var tokens = new TokenService(
            db, services.GetRequiredService<IDataProtectionProvider>(), app.Time,
            services.GetRequiredService<TokenStateChanges>(), services.GetRequiredService<Settings.TokenPolicyStore>(), NullLogger<TokenService>.Instance);
        var version = (await tokens.FindForOwnerAsync(ownerId, id, CancellationToken.None))!.Version;

        return await tokens.UpdateAsync(ownerId, id, "mine", 10, version, CancellationToken.None);
    }

    /// <summary>Runs the other save once, after the edit has read the token and before it writes.</summary>
    private sealed class Meanwhile(Func<Task> other) : SaveChangesInterceptor
    {
        private bool _done;

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (!_done)
            {
                _done = true;
                await other();
            }

            return result;
        }
    }
}
