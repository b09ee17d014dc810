using ScoutPrime.Tokens.Bench.JwtPeer;

// The alternative a .NET team would pick: the same /api/v1/me behind JwtBearer (HS256), in its own minimal host.
//   JwtPeer mint --Jwt:Key=<base64>   prints a signed token for the benchmark's requests
//   JwtPeer --Jwt:Key=<base64> --urls=http://127.0.0.1:5091
var builder = WebApplication.CreateBuilder(args);
builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
var key = JwtSettings.KeyFrom(builder.Configuration);

if (args is ["mint", ..])
{
    Console.WriteLine(JwtSettings.Mint(key, TimeSpan.FromHours(2)));
    return;
}

builder.Services.AddAuthentication().AddJwtBearer(o => o.TokenValidationParameters = JwtSettings.Validation(key));
builder.Services.AddAuthorizationBuilder()
    .AddPolicy(JwtSettings.Policy, p => p.AddAuthenticationSchemes("Bearer").RequireAuthenticatedUser().RequireRole(JwtSettings.Role));

var app = builder.Build();
var v1 = app.MapGroup("/api/v1");
v1.MapGet("/ping", PeerEndpoints.Ping).AllowAnonymous();
v1.MapGet("/me", PeerEndpoints.Me).RequireAuthorization(JwtSettings.Policy);
await app.RunAsync();
