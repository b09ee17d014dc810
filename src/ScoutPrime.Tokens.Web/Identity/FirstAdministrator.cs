namespace ScoutPrime.Tokens.Web.Identity;

public static partial class FirstAdministrator
{
    /// <summary>
    /// Makes the roles and, on a database without an administrator, the first one; once the application listens,
    /// says where to sign in (and, once, the generated password).
    /// </summary>
    public static async Task SeedAdministratorAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var password = await scope.ServiceProvider.GetRequiredService<AdminSeeder>().SeedAsync();
        var email = app.Configuration[$"{SeedOptions.Section}:{nameof(SeedOptions.AdminEmail)}"] ?? new SeedOptions().AdminEmail;
        app.Lifetime.ApplicationStarted.Register(() => AnnounceSignIn(app, email, password));
    }

    private static void AnnounceSignIn(WebApplication app, string email, string? generatedPassword)
    {
        var url = app.Urls.FirstOrDefault()?.Replace("0.0.0.0", "localhost", StringComparison.Ordinal) ?? "http://localhost:5000";
        var signIn = url.TrimEnd('/') + AuthExtensions.LoginPath;
        LogSignIn(app.Logger, signIn);
        if (generatedPassword is not null)
        {
            // Straight to the console, never to a log sink: the password must not be stored anywhere.
            Console.WriteLine();
            Console.WriteLine("  ScoutPrime.Tokens: the first administrator was created.");
            Console.WriteLine($"    Open      {signIn}");
            Console.WriteLine($"    Email     {email}");
            Console.WriteLine($"    Password  {generatedPassword}");
            Console.WriteLine("  This password is shown only once; change it after signing in.");
            Console.WriteLine();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sign in at {SignInUrl}")]
    private static partial void LogSignIn(ILogger logger, string signInUrl);
}
