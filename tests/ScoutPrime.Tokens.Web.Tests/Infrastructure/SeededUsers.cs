using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ScoutPrime.Tokens.Web.Data;
using ScoutPrime.Tokens.Web.Identity;
using ScoutPrime.Tokens.Web.Tokens;

namespace ScoutPrime.Tokens.Web.Tests.Infrastructure;

/// <summary>
/// An application with 200 users (user000@paging.test … user199@paging.test, named seed.person000 …), every
/// fourth in the API Tokens Group, and user007 with two active tokens and one expired. Written straight to
/// the database in one save: no password hashes, so seeding takes milliseconds.
/// </summary>
public sealed class SeededUsers : IAsyncLifetime
{
    public const int Count = 200;
    public const string Domain = "paging.test";

    public TokensAppFactory App { get; } = TokensAppFactory.Dedicated()
        .With("Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command", "Information");

    public static string EmailOf(int i) => $"user{i:000}@{Domain}";

    public async Task InitializeAsync() => await App.WithDbAsync(async db =>
    {
        var groupId = await db.Roles.Where(r => r.Name == Roles.ApiTokensGroup).Select(r => r.Id).SingleAsync();
        var now = App.Time.GetUtcNow();
        for (var i = 0; i < Count; i++)
        {
            var user = new AppUser
            {
                Email = EmailOf(i),
                NormalizedEmail = EmailOf(i).ToUpperInvariant(),
                UserName = $"seed.person{i:000}",
                NormalizedUserName = $"SEED.PERSON{i:000}",
                SecurityStamp = Guid.NewGuid().ToString(),
            };
            db.Users.Add(user);
            if (i % 4 == 0)
            {
                db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = groupId });
            }

            if (i == 7)
            {
                db.Tokens.AddRange(Token(user.Id, now, days: 10), Token(user.Id, now, days: 1), Token(user.Id, now, days: -1));
            }
        }

        return await db.SaveChangesAsync();
    });

    public Task DisposeAsync()
    {
        App.Dispose();
        return Task.CompletedTask;
    }

    private static ApiToken Token(string ownerId, DateTimeOffset now, int days) => new()
    {
        Id = Guid.NewGuid(),
        OwnerId = ownerId,
        Description = $"seeded {days}",
        CreatedAt = now.AddDays(-30),
        ExpiresAt = now.AddDays(days),
        TimeoutDays = 30,
        Digest = RandomNumberGenerator.GetBytes(32),
        ProtectedCode = "not a real protected code",
        Version = Guid.NewGuid(),
    };
}
