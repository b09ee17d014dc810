using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using ScoutPrime.Tokens.Web.Data;
using ScoutPrime.Tokens.Web.TokenState;

namespace ScoutPrime.Tokens.Web.Identity;

/// <summary>
/// Identity's user manager, which also announces whenever a user's standing may have changed: joining or leaving a
/// group, a lockout and every other saved change go through <see cref="UpdateUserAsync"/>, so no screen (ours,
/// Identity's or a future admin one) has to remember to. Inside a transaction the change is not committed yet: the
/// code that opened it announces after its commit (<c>GroupMembershipService</c>).
/// </summary>
public sealed class AppUserManager(
    IUserStore<AppUser> store,
    IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<AppUser> passwordHasher,
    IEnumerable<IUserValidator<AppUser>> userValidators,
    IEnumerable<IPasswordValidator<AppUser>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<AppUser>> logger,
    TokensDbContext db,
    TokenStateChanges changes)
    : UserManager<AppUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    /// <summary>
    /// Locking an account ends its sessions; unlocking does not bring them back. Identity's own lockout after failed
    /// sign-ins does not come through here and ends nothing: it stops guessing, and anyone who knows an address could
    /// otherwise sign its owner out of every browser with a few wrong passwords.
    /// </summary>
    public override async Task<IdentityResult> SetLockoutEndDateAsync(AppUser user, DateTimeOffset? lockoutEnd)
    {
        var result = await base.SetLockoutEndDateAsync(user, lockoutEnd);
        return result.Succeeded && await IsLockedOutAsync(user) ? await UpdateSecurityStampAsync(user) : result;
    }

    public override async Task<IdentityResult> DeleteAsync(AppUser user)
    {
        var result = await base.DeleteAsync(user);
        Announce(user, OwnerChange.Deleted);
        return result;
    }

    protected override async Task<IdentityResult> UpdateUserAsync(AppUser user)
    {
        var result = await base.UpdateUserAsync(user);
        Announce(user, OwnerChange.Updated);
        return result;
    }

    private void Announce(AppUser user, OwnerChange what)
    {
        if (db.Database.CurrentTransaction is null)
        {
            changes.Committed(new TokenStateChange.OwnerChanged(user.Id, what));
        }
    }
}
