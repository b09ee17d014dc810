using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace ScoutPrime.Tokens.Web.Tokens;

/// <summary>What the Add and Edit forms post. The code is not part of it: no request can change a code.</summary>
public sealed class TokenForm
{
    public const int DescriptionMaxLength = ApiTokenConfiguration.DescriptionMaxLength;

    /// <summary>Trimmed here, once, so the length is checked on what will be stored.</summary>
    [Required(ErrorMessage = "Enter a description.")]
    [StringLength(DescriptionMaxLength, ErrorMessage = "Keep the description to {1} characters or fewer.")]
    [PlainText]
    [Display(Name = "Description")]
    public string? Description
    {
        get;
        set => field = value?.Trim();
    }

    [Required(ErrorMessage = "Enter a timeout in days.")]
    [ModelBinder(typeof(WholeNumberBinder))]
    [TimeoutDays]
    [Display(Name = "Timeout (days)")]
    public int? TimeoutDays { get; set; }

    /// <summary>The token's version when the edit form was opened; empty on Add.</summary>
    public Guid Version { get; set; }
}

/// <summary>A whole number of days from 1 to the maximum timeout in force (the Settings screen's, or <see cref="TokenOptions.MaxTimeoutDays"/>).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class TimeoutDaysAttribute : ValidationAttribute
{
    public static string Message(int max) => $"Choose a timeout from 1 to {max} days.";

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        var max = validationContext.GetRequiredService<Settings.TokenPolicyStore>().Current.MaxTimeoutDays;
        return value is int days && (days < 1 || days > max)
            ? new ValidationResult(Message(max), [validationContext.MemberName!])
            : ValidationResult.Success;
    }
}

/// <summary>No control characters (NUL, tabs, line breaks, …): a description is one line of text people read.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PlainTextAttribute() : ValidationAttribute("The {0} can't contain control characters such as tabs, line breaks or NUL.")
{
    public override bool IsValid(object? value) => value is not string text || !text.Any(char.IsControl);

    public override string FormatErrorMessage(string name) =>
        string.Format(CultureInfo.CurrentCulture, ErrorMessageString, name.ToLowerInvariant());
}

/// <summary>
/// Decimal digits with an optional sign, as a person types a number; not the framework's converter, which also
/// takes hexadecimal ("0x10" as 16). Anything else is the framework's usual "is not a valid" error.
/// </summary>
public sealed class WholeNumberBinder : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        var value = bindingContext.ValueProvider.GetValue(bindingContext.ModelName);
        if (value == ValueProviderResult.None)
        {
            return Task.CompletedTask;
        }

        bindingContext.ModelState.SetModelValue(bindingContext.ModelName, value);
        var text = value.FirstValue;
        if (string.IsNullOrWhiteSpace(text))
        {
            // Empty is "no value", left to [Required] as the framework's own binder leaves it.
            bindingContext.Result = ModelBindingResult.Success(null);
        }
        else if (int.TryParse(text, NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            bindingContext.Result = ModelBindingResult.Success(number);
        }
        else
        {
            var messages = bindingContext.ModelMetadata.ModelBindingMessageProvider;
            bindingContext.ModelState.TryAddModelError(
                bindingContext.ModelName, messages.AttemptedValueIsInvalidAccessor(text, bindingContext.ModelMetadata.GetDisplayName()));
        }

        return Task.CompletedTask;
    }
}
