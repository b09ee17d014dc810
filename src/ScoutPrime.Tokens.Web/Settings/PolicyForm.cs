using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using ScoutPrime.Tokens.Web.Tokens;

namespace ScoutPrime.Tokens.Web.Settings;

/// <summary>What the Settings screen posts; the ranges are those the configuration's defaults are held to.</summary>
public sealed class PolicyForm
{
    public const int MaxDays = 3650;
    public const int MaxTokensPerUser = 10_000;

    [Required(ErrorMessage = "Enter a maximum timeout in days.")]
    [Range(1, MaxDays, ErrorMessage = "Choose a maximum timeout from {1} to {2} days.")]
    [ModelBinder(typeof(WholeNumberBinder))]
    [Display(Name = "Maximum timeout (days)")]
    public int? MaxTimeoutDays { get; set; }

    [Required(ErrorMessage = "Enter how many tokens one user may hold.")]
    [Range(1, MaxTokensPerUser, ErrorMessage = "Choose from {1} to {2} tokens per user.")]
    [ModelBinder(typeof(WholeNumberBinder))]
    [Display(Name = "Tokens per user, at most")]
    public int? MaxPerUser { get; set; }

    /// <summary>Empty: idle revocation is off.</summary>
    [Range(1, MaxDays, ErrorMessage = "Choose idle revocation from {1} to {2} days, or leave it empty to turn it off.")]
    [ModelBinder(typeof(WholeNumberBinder))]
    [Display(Name = "Revoke tokens unused for (days)")]
    public int? IdleRevocationDays { get; set; }

    [Required(ErrorMessage = "Choose a reveal policy.")]
    [EnumDataType(typeof(RevealPolicy), ErrorMessage = "Choose a reveal policy.")]
    [Display(Name = "Reveal policy")]
    public RevealPolicy? Reveal { get; set; }

    public static PolicyForm From(EffectivePolicy policy) => new()
    {
        MaxTimeoutDays = policy.MaxTimeoutDays,
        MaxPerUser = policy.MaxPerUser,
        IdleRevocationDays = policy.IdleRevocationDays,
        Reveal = policy.Reveal,
    };

    public EffectivePolicy ToPolicy() => new(MaxTimeoutDays!.Value, MaxPerUser!.Value, IdleRevocationDays, Reveal!.Value);
}
