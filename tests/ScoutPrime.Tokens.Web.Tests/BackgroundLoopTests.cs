using System.Data.Common;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using ScoutPrime.Tokens.Web.Data;
using ScoutPrime.Tokens.Web.LastUsed;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;
using ScoutPrime.Tokens.Web.Tokens;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>A background loop outlives an unexpected failure of one round: it logs it and the next round works.</summary>
public sealed class BackgroundLoopTests
{
    [Fact]
    public async Task An_unexpected_failure_writing_last_used_is_logged_and_a_later_use_is_written()
    {
        var fault = new FailOnce("SET \"LastUsedAt\"");
        using var app = TokensAppFactory.Dedicated()
            .WithServices(s => s.ConfigureDbContext<SqliteTokensDbContext>(o => o.AddInterceptors(fault)));
        var (member, _) = await app.SignInMemberAsync();
        var (id, code) = await member.CreateTokenWithCodeAsync();
        using var api = app.CreateApiClient();

        Assert.Equal(HttpStatusCode.OK, (await api.GetWithTokenAsync(ApiRequests.Me, code)).StatusCode);
        Assert.True(await WithinAsync(() => Task.FromResult(app.Logs.Lines.Any(l => l.Contains("could not be recorded", StringComparison.Ordinal)))));
        Assert.True(fault.Thrown);
        app.Time.Advance(LastUsedTracker.Interval + TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await api.GetWithTokenAsync(ApiRequests.Me, code)).StatusCode);

        Assert.True(await WithinAsync(async () =>
            await app.WithDbAsync(db => db.Set<ApiToken>().AsNoTracking().Where(t => t.Id == id).Select(t => t.LastUsedAt).SingleAsync()) is not null));
    }

    private static async Task<bool> WithinAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(100);
        }

        return true;
    }

    /// <summary>The first command containing <paramref name="sql"/> fails with what no catch for database errors expects.</summary>
    private sealed class FailOnce(string sql) : DbCommandInterceptor
    {
        public bool Thrown { get; private set; }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (!Thrown && command.CommandText.Contains(sql, StringComparison.Ordinal))
            {
                Thrown = true;
                throw new TimeoutException("Injected by the test");
            }

            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
