using System.Security.Cryptography;
using ScoutPrime.Tokens.Web.Data;
using ScoutPrime.Tokens.Web.Tokens;

namespace ScoutPrime.Tokens.Web.Tests.Infrastructure;

/// <summary>Users and tokens written straight to the database: no password hash, no real code, milliseconds to seed.</summary>
public static class SeededTokens
{
    public const string FakeProtectedCode = "not a real protected code";

    public static AppUser User(this TokensDbContext db, string email)
    {
        var user = new AppUser
        {
            Email = email,
            NormalizedEmail = email.ToUpperInvariant(),
            UserName = email,
            NormalizedUserName = email.ToUpperInvariant(),
            SecurityStamp = Guid.NewGuid().ToString(),
        };
        db.Users.Add(user);
        return user;
    }

    /// <summary>A token of <paramref name="owner"/> created, expiring and last used the given days from <paramref name="now"/>.</summary>
    public static ApiToken Token(
        this TokensDbContext db, AppUser owner, string description, DateTimeOffset now, int createdDays, int expiresDays, int? lastUsedDays = null)
    {
        var token = new ApiToken
        {
            Id = Guid.NewGuid(),
            OwnerId = owner.Id,
            Description = description,
            CreatedAt = now.AddDays(createdDays),
            ExpiresAt = now.AddDays(expiresDays),
            TimeoutDays = expiresDays - createdDays,
            LastUsedAt = lastUsedDays is { } used ? now.AddDays(used) : null,
            Digest = RandomNumberGenerator.GetBytes(32),
            ProtectedCode = FakeProtectedCode,
            Version = Guid.NewGuid(),
        };
        db.Set<ApiToken>().Add(token);
        return token;
    }
}
