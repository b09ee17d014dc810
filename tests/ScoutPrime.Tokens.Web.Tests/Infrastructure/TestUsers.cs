using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ScoutPrime.Tokens.Web.Data;

namespace ScoutPrime.Tokens.Web.Tests.Infrastructure;

/// <summary>Users as the application's own UserManager makes them. The browser tests link this file too.</summary>
public static class TestUsers
{
    /// <summary>Every test user's password, the seeded administrator's included.</summary>
    public const string Password = "Correct-Horse-9-Battery";

    /// <summary>Seeded at start-up into Administrators and the API Tokens Group.</summary>
    public const string AdminEmail = "admin@scoutprime.test";

    /// <summary>A confirmed user with <see cref="Password"/>, in the given roles.</summary>
    public static async Task<AppUser> CreateUserAsync(this IServiceProvider services, string email, params string[] roles)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        if (roles.Length > 0)
        {
            Assert.True((await users.AddToRolesAsync(user, roles)).Succeeded);
        }

        return user;
    }
}
