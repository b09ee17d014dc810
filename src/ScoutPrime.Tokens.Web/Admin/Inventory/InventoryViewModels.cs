using System.ComponentModel.DataAnnotations;
using ScoutPrime.Tokens.Web.Tokens;

namespace ScoutPrime.Tokens.Web.Admin.Inventory;

/// <summary>The Tokens screen: the filter as typed, and the page when the filter was valid.</summary>
public sealed record InventoryViewModel(InventoryFilter Filter, InventoryPage? Page, DateTimeOffset Now, int ExpiresSoonDays)
{
    public TokenStatus StatusOf(InventoryRow row) => TokenExpiry.StatusOf(row.ExpiresAt, Now, ExpiresSoonDays);
}

public sealed record RevokeViewModel(InventoryFilter Filter, int Count, RevokeForm Form);

/// <summary>What the bulk revoke's confirmation posts besides the filter: why, recorded with each token.</summary>
public sealed class RevokeForm
{
    [Required(ErrorMessage = "Enter a reason: it is recorded with each token and told to its owner.")]
    [StringLength(TokenService.RevokeReasonMaxLength, ErrorMessage = "Keep the reason to {1} characters or fewer.")]
    [PlainText]
    [Display(Name = "Reason")]
    public string? Reason
    {
        get;
        set => field = value?.Trim();
    }
}
