using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace ScoutPrime.Tokens.Web.Tokens;

/// <summary>What the Add and Edit forms post. The code is not part of it: no request can change a code.</summary>
public sealed class TokenForm
{
    [Required(ErrorMessage = "Enter a description.")]
    [StringLength(ApiTokenConfiguration.DescriptionMaxLength, ErrorMessage = "Keep the description to {1} characters or fewer.")]
    [Display(Name = "Description")]
    public string? Description
    {
        get;
        set => field = value?.Trim();
    }

    [Required(ErrorMessage = "Enter a timeout in days.")]
    [TimeoutDays]
    [Display(Name = "Timeout (days)")]
    public int? TimeoutDays { get; set; }

    /// <summary>The token's version when the edit form was opened; empty on Add.</summary>
    public Guid Version { get; set; }
}

/// <summary>A whole number of days from 1 to <see cref="TokenOptions.MaxTimeoutDays"/>.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class TimeoutDaysAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        var max = validationContext.GetRequiredService<IOptions<TokenOptions>>().Value.MaxTimeoutDays;
        return value is int days && (days < 1 || days > max)
            ? new ValidationResult($"Choose a timeout from 1 to {max} days.", [validationContext.MemberName!])
            : ValidationResult.Success;
    }
}
