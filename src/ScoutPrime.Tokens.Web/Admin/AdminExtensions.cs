namespace ScoutPrime.Tokens.Web.Admin;

public static class AdminExtensions
{
    public static WebApplicationBuilder AddAdmin(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<UserDirectory>();
        builder.Services.AddScoped<GroupMembershipService>();
        builder.Services.AddScoped<Inventory.TokenInventory>();
        builder.Services.AddScoped<Inventory.BulkRevoke>();
        return builder;
    }
}
