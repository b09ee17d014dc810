namespace ScoutPrime.Tokens.Web.Admin;

public static class AdminExtensions
{
    public static WebApplicationBuilder AddAdmin(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<UserDirectory>();
        builder.Services.AddScoped<GroupMembershipService>();
        return builder;
    }
}
