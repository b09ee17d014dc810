using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using ScoutPrime.Tokens.Web.Data;
using ScoutPrime.Tokens.Web.Security;

namespace ScoutPrime.Tokens.Web.Identity;

/// <summary>
/// Identity UI's pages assume things this product does not do (mail, a root "/Index" page, two-factor in
/// use): reached without what they expect, several throw and answer 500. Each gate answers 404 (or 400 for a
/// malformed link) before such a page runs, and lets it run whenever it can work, so two-factor sign-in keeps
/// working for whoever turns it on.
/// </summary>
internal static class IdentityPageGates
{
    public static void Add(RazorPagesOptions options, IHostEnvironment environment)
    {
        Gate(options, "/Account/LoginWith2fa", TwoFactorSignInInProgress);
        Gate(options, "/Account/LoginWithRecoveryCode", TwoFactorSignInInProgress);
        Gate(options, "/Account/Manage/GenerateRecoveryCodes", TwoFactorEnabled);
        Gate(options, "/Account/Manage/Disable2fa", TwoFactorEnabled);
        // Changing how this account proves itself needs a fresh proof, like a reveal: otherwise a stolen session adds
        // its own passkey (which then passes Confirm it's you) or turns two-factor off. Only the add and remove
        // handlers of Passkeys; the list and a rename stay open. With two-factor on, EnableAuthenticator shows and
        // re-verifies the current key, so it is gated then; the first enrolment is not.
        Gate(options, "/Account/Manage/Disable2fa", FreshProof);
        Gate(options, "/Account/Manage/ResetAuthenticator", FreshProof);
        Gate(options, "/Account/Manage/GenerateRecoveryCodes", FreshProof);
        Gate(options, "/Account/Manage/EnableAuthenticator", async c => await TwoFactorEnabled(c) is null ? await FreshProof(c) : Open);
        Gate(options, "/Account/Manage/Passkeys", c => c.HandlerMethod?.Name is "CreationOptions" or "Add" or "Remove" ? FreshProof(c) : Task.FromResult(Open));
        Gate(options, "/Account/ConfirmEmail", c => Task.FromResult(Link(c, "userId", "code")));
        Gate(options, "/Account/ConfirmEmailChange", c => Task.FromResult(Link(c, "userId", "email", "code")));
        Gate(options, "/Account/ResetPassword", c => Task.FromResult(CodeWellFormed(c)));
        // Identity checks the password without looking at ModelState, and a missing one throws.
        Gate(options, "/Account/Manage/DeletePersonalData", c => Task.FromResult(
            HttpMethods.IsPost(c.HttpContext.Request.Method)
            && (!c.HttpContext.Request.HasFormContentType || string.IsNullOrEmpty(c.HttpContext.Request.Form["Input.Password"]))
                ? new BadRequestResult() : Open));
        // With no mail sender, Identity shows this page's visitor the account's confirmation link. Registration
        // here signs the new user in at once and never comes to this page; only Development keeps it, for trying mail flows.
        Gate(options, "/Account/RegisterConfirmation", c => Task.FromResult(
            environment.IsDevelopment() && !string.IsNullOrEmpty(c.HttpContext.Request.Query["email"]) ? Open : NotFound));
    }

    private const IActionResult? Open = null; // let the page run
    private static readonly IActionResult NotFound = new NotFoundResult();

    private static void Gate(RazorPagesOptions options, string page, Func<PageHandlerExecutingContext, Task<IActionResult?>> check) =>
        options.Conventions.AddAreaPageApplicationModelConvention("Identity", page, model => model.Filters.Add(new GateFilter(check)));

    private static async Task<IActionResult?> TwoFactorSignInInProgress(PageHandlerExecutingContext context) =>
        await Service<SignInManager<AppUser>>(context).GetTwoFactorAuthenticationUserAsync() is null ? NotFound : Open;

    private static async Task<IActionResult?> TwoFactorEnabled(PageHandlerExecutingContext context)
    {
        var users = Service<UserManager<AppUser>>(context);
        var user = await users.GetUserAsync(context.HttpContext.User);
        return user is not null && await users.GetTwoFactorEnabledAsync(user) ? Open : NotFound;
    }

    private static Task<IActionResult?> FreshProof(PageHandlerExecutingContext context) =>
        Task.FromResult(RequireRecentProofAttribute.Challenge(context.HttpContext));

    /// <summary>A mailed link: every parameter there, its code as Identity encodes it (else Identity's decoding throws).</summary>
    private static IActionResult? Link(PageHandlerExecutingContext context, params string[] names) =>
        names.Any(n => string.IsNullOrEmpty(context.HttpContext.Request.Query[n])) ? NotFound : CodeWellFormed(context);

    private static IActionResult? CodeWellFormed(PageHandlerExecutingContext context)
    {
        var code = context.HttpContext.Request.Query["code"].ToString();
        if (code.Length == 0)
        {
            return Open; // the page says itself that a code is needed
        }

        try
        {
            WebEncoders.Base64UrlDecode(code);
            return Open;
        }
        catch (FormatException)
        {
            return new BadRequestResult();
        }
    }

    private static T Service<T>(PageHandlerExecutingContext context)
        where T : notnull => context.HttpContext.RequestServices.GetRequiredService<T>();

    private sealed class GateFilter(Func<PageHandlerExecutingContext, Task<IActionResult?>> check) : IAsyncPageFilter
    {
        public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

        public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
        {
            if (await check(context) is { } refusal)
            {
                context.Result = refusal;
                return;
            }

            await next();
        }
    }
}
