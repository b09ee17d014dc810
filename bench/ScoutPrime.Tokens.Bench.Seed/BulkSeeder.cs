using System.Diagnostics;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using ScoutPrime.Tokens.Web.Data;
using ScoutPrime.Tokens.Web.Identity;
using ScoutPrime.Tokens.Web.ResourceServers;
using ScoutPrime.Tokens.Web.Tokens;

namespace ScoutPrime.Tokens.Bench.Seed;

/// <summary>A user the benchmark signs in as, and how many tokens it gets.</summary>
internal sealed record NamedUser(string Id, string Email, int Tokens);

/// <summary>
/// Fills the database as a million real tokens would: codes from <see cref="TokenCode.Generate"/>, their SHA-256
/// digests, and their codes protected by the application's own Data Protection keys and purpose, so a row costs what
/// a real row costs to read and the owner can still reveal it. Rows go in through one prepared command per table,
/// in one transaction.
/// </summary>
internal sealed class BulkSeeder(IServiceProvider services, string output)
{
    public const string WarmFile = "warm.txt";
    public const string ColdFile = "cold.txt";
    public const string InvalidFile = "invalid.txt";
    public const string IntrospectionClientFile = "introspection-client.txt";

    private const int InvalidCodes = 1_000;
    private const int Chunk = 20_000;

    private static readonly DateTimeOffsetToBinaryConverter Stored = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;

    public TimeSpan Elapsed => _clock.Elapsed;

    public async Task PrepareAsync()
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<TokensDbContext>().CreateAndMigrateAsync();
        await scope.ServiceProvider.GetRequiredService<AdminSeeder>().SeedAsync();
    }

    /// <summary>The screens benchmark's users, made through Identity so they can sign in with the form.</summary>
    public async Task<IReadOnlyList<NamedUser>> CreateNamedUsersAsync(string password)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var named = new List<NamedUser>();
        foreach (var count in new[] { 1, 100, 1000 })
        {
            var email = $"screens-{count}@bench.local";
            var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true };
            Check(await users.CreateAsync(user, password));
            Check(await users.AddToRoleAsync(user, Roles.ApiTokensGroup));
            named.Add(new NamedUser(user.Id, email, count));
        }

        return named;
    }

    public async Task InsertAsync(IReadOnlyList<NamedUser> named, int tokens, int users)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TokensDbContext>();
        var protector = scope.ServiceProvider.GetRequiredService<IDataProtectionProvider>().CreateProtector(TokenService.ProtectorPurpose);
        var roleId = await db.Roles.Where(r => r.Name == Roles.ApiTokensGroup).Select(r => r.Id).SingleAsync();
        // The first Protect creates the key ring's first key, in the database: before the bulk transaction takes the write lock.
        protector.Protect(TokenCode.Generate());

        await using var connection = new SqliteConnection(db.Database.GetConnectionString());
        await connection.OpenAsync();
        await Execute(connection, "PRAGMA synchronous = OFF; PRAGMA cache_size = -1048576;");
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();

        var owners = await InsertUsersAsync(connection, transaction, users - named.Count, roleId);
        var plan = named.SelectMany(u => Enumerable.Repeat(u.Id, u.Tokens)).ToList();
        var named1 = plan.Count;
        for (var i = 0; plan.Count < tokens; i++)
        {
            plan.Add(owners[i % owners.Count]);
        }

        await using var warm = new StreamWriter(Path.Combine(output, WarmFile));
        await using var cold = new StreamWriter(Path.Combine(output, ColdFile));
        using var insert = new TokenInsert(connection, transaction);
        for (var start = 0; start < plan.Count; start += Chunk)
        {
            var rows = MakeRows(protector, Math.Min(Chunk, plan.Count - start));
            for (var i = 0; i < rows.Length; i++)
            {
                var n = start + i;
                var created = _now.AddMinutes(-(n % 259_200)); // spread over the last 180 days
                insert.Add(plan[n], $"bench token {n}", Stored.ConvertToProvider(created)!, Stored.ConvertToProvider(created.AddDays(365))!, rows[i]);
                if (n == 0)
                {
                    await warm.WriteLineAsync(rows[i].Code); // screens-1's only token
                }
                else if (n >= named1)
                {
                    await cold.WriteLineAsync(rows[i].Code);
                }
            }
        }

        await transaction.CommitAsync();
        await WriteInvalidCodesAsync();
    }

    /// <summary>
    /// A resource server, as an administrator creates it on its screen, for the introspection scenario: its
    /// "client_id:secret" is written for the benchmark's Basic header.
    /// </summary>
    public async Task CreateIntrospectionClientAsync()
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TokensDbContext>();
        var admin = await db.Users.Where(u => u.Email == "admin@bench.local").Select(u => u.Id).SingleAsync();
        var secret = ResourceServerSecrets.NewSecret();
        var server = new ResourceServer
        {
            Name = "bench",
            ClientId = ResourceServerSecrets.NewClientId(),
            SecretDigest = ResourceServerSecrets.Digest(secret),
            CreatedAt = _now,
            CreatedById = admin,
        };
        db.Set<ResourceServer>().Add(server);
        await db.SaveChangesAsync();
        await File.WriteAllTextAsync(Path.Combine(output, IntrospectionClientFile), $"{server.ClientId}:{secret}\n");
    }

    /// <summary>Reads back through EF Core what was written raw: ids, timestamps and ciphertexts in the application's formats.</summary>
    public async Task VerifyAsync()
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TokensDbContext>();
        var code = (await File.ReadAllLinesAsync(Path.Combine(output, WarmFile)))[0];
        var digest = TokenCode.Digest(code);
        var token = await db.Tokens.AsNoTracking().SingleAsync(t => t.Digest == digest);
        var found = await db.Tokens.CountAsync(t => t.Id == token.Id && t.ExpiresAt > _now);
        var protector = scope.ServiceProvider.GetRequiredService<IDataProtectionProvider>().CreateProtector(TokenService.ProtectorPurpose);
        if (found != 1 || protector.Unprotect(token.ProtectedCode) != code || token.CreatedAt > _now)
        {
            throw new InvalidOperationException("The seeded rows do not read back as the application writes them.");
        }
    }

    private static TokenRow[] MakeRows(IDataProtector protector, int count)
    {
        var rows = new TokenRow[count];
        Parallel.For(0, count, i =>
        {
            var code = TokenCode.Generate();
            rows[i] = new TokenRow(Guid.CreateVersion7(), code, TokenCode.Digest(code), protector.Protect(code), Guid.NewGuid());
        });
        return rows;
    }

    private static async Task<List<string>> InsertUsersAsync(SqliteConnection connection, SqliteTransaction transaction, int count, string roleId)
    {
        using var user = connection.CreateCommand();
        user.Transaction = transaction;
        user.CommandText = """
            INSERT INTO AspNetUsers (Id, UserName, NormalizedUserName, Email, NormalizedEmail, EmailConfirmed, SecurityStamp,
                ConcurrencyStamp, PhoneNumberConfirmed, TwoFactorEnabled, LockoutEnabled, AccessFailedCount)
            VALUES ($id, $name, $normalized, $name, $normalized, 1, $stamp, $concurrency, 0, 0, 1, 0)
            """;
        var (id, name, normalized, stamp, concurrency) = (user.Parameters.Add("$id", SqliteType.Text), user.Parameters.Add("$name", SqliteType.Text),
            user.Parameters.Add("$normalized", SqliteType.Text), user.Parameters.Add("$stamp", SqliteType.Text), user.Parameters.Add("$concurrency", SqliteType.Text));
        using var member = connection.CreateCommand();
        member.Transaction = transaction;
        member.CommandText = "INSERT INTO AspNetUserRoles (UserId, RoleId) VALUES ($user, $role)";
        var memberId = member.Parameters.Add("$user", SqliteType.Text);
        member.Parameters.AddWithValue("$role", roleId);

        var ids = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var email = $"user-{i:D5}@bench.local";
            (id.Value, name.Value, normalized.Value) = (Guid.NewGuid().ToString(), email, email.ToUpperInvariant());
            (stamp.Value, concurrency.Value) = (Guid.NewGuid().ToString("N").ToUpperInvariant(), Guid.NewGuid().ToString());
            await user.ExecuteNonQueryAsync();
            memberId.Value = id.Value;
            await member.ExecuteNonQueryAsync();
            ids.Add((string)id.Value);
        }

        return ids;
    }

    private async Task WriteInvalidCodesAsync()
    {
        // Well formed but for the last checksum character: refused by the checksum, the cheapest refusal there is.
        var lines = Enumerable.Range(0, InvalidCodes).Select(_ => TokenCode.Generate()).Select(c => c[..^1] + (c[^1] == 'a' ? 'b' : 'a'));
        await File.WriteAllLinesAsync(Path.Combine(output, InvalidFile), lines);
    }

    private static async Task Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
