using Microsoft.EntityFrameworkCore;
using ScoutPrime.Tokens.Web.Audit;
using ScoutPrime.Tokens.Web.Data;

namespace ScoutPrime.Tokens.Web.ResourceServers;

/// <summary>What administrators do with resource servers; every change is audited against the administrator.</summary>
public sealed partial class ResourceServerService(
    TokensDbContext db, ResourceServerClients clients, TimeProvider time, ILogger<ResourceServerService> logger)
{
    public async Task<IReadOnlyList<ResourceServerRow>> ListAsync(CancellationToken ct)
    {
        var users = db.Users;
        return await db.ResourceServers.AsNoTracking()
            .OrderBy(s => s.Name).ThenBy(s => s.Id)
            .Select(s => new ResourceServerRow(
                s.Id, s.Name, s.ClientId, s.CreatedAt, users.Where(u => u.Id == s.CreatedById).Select(u => u.Email).FirstOrDefault(), s.LastUsedAt))
            .ToListAsync(ct);
    }

    public async Task<ResourceServerRow?> FindAsync(Guid id, CancellationToken ct) =>
        (await db.ResourceServers.AsNoTracking().Where(s => s.Id == id)
            .Select(s => new ResourceServerRow(s.Id, s.Name, s.ClientId, s.CreatedAt, null, s.LastUsedAt))
            .ToListAsync(ct)).SingleOrDefault();

    /// <summary>Creates the server and returns its secret, which exists nowhere else from now on.</summary>
    public async Task<(ResourceServer Server, string Secret)> CreateAsync(string actorId, string name, CancellationToken ct)
    {
        var secret = ResourceServerSecrets.NewSecret();
        var server = new ResourceServer
        {
            Id = Guid.NewGuid(),
            Name = name,
            ClientId = ResourceServerSecrets.NewClientId(),
            SecretDigest = ResourceServerSecrets.Digest(secret),
            CreatedAt = time.GetUtcNow(),
            CreatedById = actorId,
        };
        db.ResourceServers.Add(server);
        db.AuditEntries.Add(Audit(actorId, AuditActions.ResourceServerCreated, server));
        await db.SaveChangesAsync(ct);
        LogCreated(logger, server.ClientId, actorId);
        return (server, secret);
    }

    /// <summary>Deletes the server; its credentials stop working on this instance at once, on others within the cache delay.</summary>
    public async Task<string?> DeleteAsync(string actorId, Guid id, CancellationToken ct)
    {
        var server = await db.ResourceServers.SingleOrDefaultAsync(s => s.Id == id, ct);
        if (server is null)
        {
            return null;
        }

        db.ResourceServers.Remove(server);
        db.AuditEntries.Add(Audit(actorId, AuditActions.ResourceServerDeleted, server));
        await db.SaveChangesAsync(ct);
        clients.Forget(server.ClientId);
        LogDeleted(logger, server.ClientId, actorId);
        return server.Name;
    }

    // The administrator is the subject: a resource server belongs to no user, and this keeps it in their history.
    private AuditEntry Audit(string actorId, string action, ResourceServer server) => new()
    {
        At = time.GetUtcNow(),
        ActorId = actorId,
        SubjectUserId = actorId,
        Action = action,
        Detail = $"{server.Name} ({server.ClientId})",
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Resource server {ClientId} created by {ActorId}")]
    private static partial void LogCreated(ILogger logger, string clientId, string actorId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Resource server {ClientId} deleted by {ActorId}")]
    private static partial void LogDeleted(ILogger logger, string clientId, string actorId);
}
