using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using ScoutPrime.Tokens.Web.Data;

namespace ScoutPrime.Tokens.Web.Identity;

public sealed class SeedOptions
{
    public const string Section = "Seed";

    [Required, EmailAddress]
    public string AdminEmail { get; set; } = "admin@scoutprime.local";

    /// <summary>When empty, a strong password is generated and printed once, on the first start.</summary>
    public string? AdminPassword { get; set; }
}

/// <summary>Makes the roles exist and, while there is no administrator, creates the one from configuration.</summary>
public sealed partial class AdminSeeder(
    UserManager<AppUser> users,
    RoleManager<IdentityRole> roles,
    IOptions<SeedOptions> options,
    ILogger<AdminSeeder> logger)
{
    /// <returns>The administrator's generated password when one had to be made, otherwise null.</returns>
    public async Task<string?> SeedAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)));
            }
        }

        if ((await users.GetUsersInRoleAsync(Roles.Administrators)).Count > 0)
        {
            return null;
        }

        var email = options.Value.AdminEmail;
        var generated = string.IsNullOrEmpty(options.Value.AdminPassword) ? GeneratePassword() : null;
        var admin = await users.FindByEmailAsync(email);
        if (admin is null)
        {
            admin = new AppUser { UserName = email, Email = email, EmailConfirmed = true };
            Check(await users.CreateAsync(admin, generated ?? options.Value.AdminPassword!));
        }
        else
        {
            generated = null; // an existing account keeps the password its owner knows
        }

        // In both roles, so the first person to sign in sees the feature at once.
        foreach (var role in Roles.All)
        {
            if (!await users.IsInRoleAsync(admin, role))
            {
                Check(await users.AddToRoleAsync(admin, role));
            }
        }

        LogSeeded(logger, email);
        return generated;
    }

    internal static string GeneratePassword()
    {
        // Four groups of six from a mixed alphabet, plus a fixed tail that meets every Identity rule.
        const string alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        var groups = Enumerable.Range(0, 4).Select(_ => RandomNumberGenerator.GetString(alphabet, 6));
        return string.Join('-', groups) + "-Aa1";
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                "Could not create the administrator: " + string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Administrator {Email} created in the API Tokens Group and Administrators")]
    private static partial void LogSeeded(ILogger logger, string email);
}
