using Microsoft.AspNetCore.Identity;

namespace ScoutPrime.Tokens.Web.Data;

public sealed class AppUser : IdentityUser
{
}
