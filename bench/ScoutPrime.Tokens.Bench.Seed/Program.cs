using ScoutPrime.Tokens.Bench.Seed;
using ScoutPrime.Tokens.Web.Data;
using ScoutPrime.Tokens.Web.Identity;
using ScoutPrime.Tokens.Web.Tokens;

// Usage: seed <database file> <output folder> <tokens> <users> <screens password>
// Builds the application's own services (database, Identity, Data Protection keys in the database), migrates,
// creates the named benchmark users through Identity, then bulk-inserts the rest with prepared SQLite commands.
if (args.Length != 5)
{
    Console.Error.WriteLine("usage: seed <database file> <output folder> <tokens> <users> <screens password>");
    return 2;
}

var (database, output, tokens, users, password) = (Path.GetFullPath(args[0]), args[1], int.Parse(args[2], null), int.Parse(args[3], null), args[4]);
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["ConnectionStrings:Tokens"] = $"Data Source={database}",
    ["Seed:AdminEmail"] = "admin@bench.local",
    ["Seed:AdminPassword"] = password,
    ["Logging:LogLevel:Default"] = "Warning",
});
builder.AddTokensData();
builder.AddTokensAuth();
builder.AddTokens();
await using var app = builder.Build();

Directory.CreateDirectory(output);
var seeder = new BulkSeeder(app.Services, output);
await seeder.PrepareAsync();
var named = await seeder.CreateNamedUsersAsync(password);
await seeder.InsertAsync(named, tokens, users);
await seeder.CreateIntrospectionClientAsync();
await seeder.VerifyAsync();
Console.WriteLine($"Seeded {tokens:N0} tokens for {users:N0} users into {database} in {seeder.Elapsed.TotalSeconds:F1} s.");
return 0;
