using ScoutPrime.Tokens.Web.Admin;
using ScoutPrime.Tokens.Web.Api;
using ScoutPrime.Tokens.Web.Data;
using ScoutPrime.Tokens.Web.Identity;
using ScoutPrime.Tokens.Web.Infrastructure;
using ScoutPrime.Tokens.Web.Notices;
using ScoutPrime.Tokens.Web.Tokens;

var builder = WebApplication.CreateBuilder(args);

builder.AddTokensData();
builder.AddTokensAuth();
builder.AddTokens();
builder.AddTokensApi();
builder.AddAdmin();
builder.AddNotices();
builder.AddSite();
builder.AddOperations();

var app = builder.Build();

if (args is ["migrate", ..])
{
    await app.MigrateDatabaseAsync();
    return;
}

app.UseOperations();
app.UseSite();
app.MapTokensApi();
await app.InitializeDatabaseAsync();
await app.SeedAdministratorAsync();
await app.RunAsync();

public partial class Program;
