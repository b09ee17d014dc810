using ScoutPrime.Tokens.Web.Admin;
using ScoutPrime.Tokens.Web.Api;
using ScoutPrime.Tokens.Web.Data;
using ScoutPrime.Tokens.Web.ForwardAuth;
using ScoutPrime.Tokens.Web.Identity;
using ScoutPrime.Tokens.Web.Infrastructure;
using ScoutPrime.Tokens.Web.Introspection;
using ScoutPrime.Tokens.Web.LeakReports;
using ScoutPrime.Tokens.Web.Revocation;
using ScoutPrime.Tokens.Web.Security;
using ScoutPrime.Tokens.Web.Settings;
using ScoutPrime.Tokens.Web.Notices;
using ScoutPrime.Tokens.Web.Tokens;

var builder = WebApplication.CreateBuilder(args);

builder.AddTokensData();
builder.AddTokensAuth();
builder.AddTokensSecurity();
builder.AddTokens();
builder.AddTokensApi();
builder.AddRevocationFeed();
builder.AddLeakReports();
builder.AddAdmin();
builder.AddIntrospection();
builder.AddTokenPolicies();
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
app.UseMachinePipeline();
app.UseSite();
app.MapTokensApi();
app.MapForwardAuth();
app.MapIntrospection();
app.MapLeakReports();
await app.InitializeDatabaseAsync();
await app.SeedAdministratorAsync();
await app.RunAsync();

public partial class Program;
