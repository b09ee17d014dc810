using Microsoft.AspNetCore.Mvc;

namespace ScoutPrime.Tokens.Web.Tokens;

/// <summary>One row of the list; ShowFocused: its Show takes the focus (a new token, or one the user was showing before a proof).</summary>
public sealed record TokenRow(TokenSummary Token, TokenStatus Status, bool IsRevealed, string? Code, bool IsNew, bool ShowFocused)
{
    public bool IsExpired => Status == TokenStatus.Expired;
}

/// <summary>How many tokens the user has against <see cref="TokenOptions.MaxPerUser"/>.</summary>
public sealed record TokenAllowance(int Count, int Max)
{
    public bool IsReached => Count >= Max;

    public string Message =>
        $"You have {Count} tokens, and {Max} is the most one person may have. Delete one you no longer need to add another.";
}

public sealed record TokenListViewModel(IReadOnlyList<TokenRow> Rows, DateTimeOffset Now, TokenAllowance Allowance);

public sealed record TokenEditViewModel(TokenSummary Token, TokenFieldsModel Fields);

public sealed record TokenCreateViewModel(TokenFieldsModel Fields, TokenAllowance Allowance);

/// <summary>
/// What <c>_TokenFields</c> shows: the form's values and the limits its validation enforces, from the same constant
/// and options. The fields are named as <see cref="TokenForm"/>'s, with its labels, so the posted form binds to it.
/// </summary>
[ModelMetadataType(typeof(TokenForm))]
public sealed record TokenFieldsModel(TokenForm Form, DateTimeOffset Now, int MaxTimeoutDays)
{
    public int DescriptionMaxLength => TokenForm.DescriptionMaxLength;

    public string? Description => Form.Description;

    public int? TimeoutDays => Form.TimeoutDays;

    /// <summary>When the token would expire if saved now; null while the timeout is out of range.</summary>
    public DateTimeOffset? ExpiresIfSavedNow => TimeoutDays is { } days && days >= 1 && days <= MaxTimeoutDays ? Now.AddDays(days) : null;
}
