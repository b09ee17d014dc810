using System.ComponentModel.DataAnnotations;

namespace ScoutPrime.Tokens.Web.Identity;

public sealed class IdentitySiteOptions
{
    public const string Section = "Identity";

    /// <summary>Whether anyone may create an account on the Register page. New accounts start outside every group.</summary>
    public bool AllowRegistration { get; set; } = true;

    public LockoutSettings Lockout { get; set; } = new();

    /// <summary>Sign-in attempts (POSTs of the sign-in form) one client address may make per minute; the rest get 429.</summary>
    [Range(1, 100_000)]
    public int SignInAttemptsPerMinute { get; set; } = 20;

    public sealed class LockoutSettings
    {
        /// <summary>Wrong passwords in a row that lock an account.</summary>
        public int MaxFailedAttempts { get; set; } = 5;

        /// <summary>How long a locked account stays locked.</summary>
        public int Minutes { get; set; } = 15;
    }
}
