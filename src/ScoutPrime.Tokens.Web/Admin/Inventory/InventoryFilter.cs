using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Linq.Expressions;
using ScoutPrime.Tokens.Web.Tokens;

namespace ScoutPrime.Tokens.Web.Admin.Inventory;

/// <summary>A token's standing as the inventory filters it. A new state (suspended, replaced) is a member here and an arm in <see cref="InventoryStatuses.Where"/>.</summary>
public enum InventoryStatus
{
    Any,

    /// <summary>Usable now: not expired, whether or not it expires soon.</summary>
    Active,

    /// <summary>Usable now and expiring within <see cref="TokenOptions.ExpiresSoonDays"/>.</summary>
    Expiring,
    Expired,

    /// <summary>Suspended by its owner or an administrator (refused until resumed), whether or not it has expired since.</summary>
    Suspended,

    /// <summary>Rotated: replaced by a successor, whether or not its overlap has ended.</summary>
    Replaced,
}

public enum InventorySort
{
    Created,
    Expires,
    LastUsed,
    Owner,
}

public static class InventoryStatuses
{
    /// <summary>The statuses a filter offers, in the order the screen lists them.</summary>
    public static readonly IReadOnlyList<InventoryStatus> Offered = [.. Enum.GetValues<InventoryStatus>().Where(s => s != InventoryStatus.Any)];

    public static string Label(InventoryStatus status) => status switch
    {
        InventoryStatus.Active => "Active",
        InventoryStatus.Expiring => "Expiring soon",
        InventoryStatus.Expired => "Expired",
        InventoryStatus.Suspended => "Suspended",
        InventoryStatus.Replaced => "Replaced",
        _ => "Any",
    };

    /// <summary>The status as a query the database runs; expiry follows <see cref="TokenExpiry"/>'s rule.</summary>
    public static Expression<Func<ApiToken, bool>> Where(InventoryStatus status, DateTimeOffset now, int expiresSoonDays)
    {
        var soon = now.AddDays(expiresSoonDays);
        return status switch
        {
            InventoryStatus.Active => TokenExpiry.ActiveAt(now),
            InventoryStatus.Expiring => t => t.ExpiresAt > now && t.ExpiresAt <= soon,
            InventoryStatus.Expired => TokenExpiry.ExpiredAt(now),
            InventoryStatus.Suspended => t => t.SuspendedAt != null,
            InventoryStatus.Replaced => t => t.ReplacedById != null,
            _ => t => true,
        };
    }
}

/// <summary>
/// The administrators' Tokens screen's filters, sort and page, bound from the query string of a GET form, so a
/// filtered list is a link that works without JavaScript (and the bulk revoke's confirmation carries the same fields).
/// </summary>
public sealed class InventoryFilter
{
    public const int MaxOwnerLength = UserDirectory.MaxSearchLength;
    public const int MaxIdleDays = 3650;

    [StringLength(MaxOwnerLength, ErrorMessage = "Keep the owner search to {1} characters or fewer.")]
    [Display(Name = "Owner email")]
    public string? Owner
    {
        get;
        set => field = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    public InventoryStatus Status { get; set; }

    [Display(Name = "Never used")]
    public bool NeverUsed { get; set; }

    [Range(1, MaxIdleDays, ErrorMessage = "Choose idle days from {1} to {2}.")]
    [Display(Name = "Idle for (days)")]
    public int? IdleDays { get; set; }

    [Display(Name = "Created before")]
    public DateOnly? CreatedBefore { get; set; }

    public InventorySort Sort { get; set; }

    /// <summary>Dates newest first and owners A to Z, unless reversed.</summary>
    public bool Reverse { get; set; }

    /// <remarks>Not "page": routing reserves that name for Razor Pages.</remarks>
    public int PageNumber { get; set; } = 1;

    /// <summary>The filter's fields as route values, for links (sort, page, export, revoke) that keep the filter.</summary>
    public Dictionary<string, string> RouteValues(InventorySort? sort = null, bool? reverse = null, int? pageNumber = null)
    {
        var values = new Dictionary<string, string>();
        if (Owner is not null)
        {
            values[nameof(Owner)] = Owner;
        }

        if (Status != InventoryStatus.Any)
        {
            values[nameof(Status)] = Status.ToString();
        }

        if (NeverUsed)
        {
            values[nameof(NeverUsed)] = "true";
        }

        if (IdleDays is { } idle)
        {
            values[nameof(IdleDays)] = idle.ToString(CultureInfo.InvariantCulture);
        }

        if (CreatedBefore is { } before)
        {
            values[nameof(CreatedBefore)] = before.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        if ((sort ?? Sort) is var s && s != InventorySort.Created)
        {
            values[nameof(Sort)] = s.ToString();
        }

        if (reverse ?? Reverse)
        {
            values[nameof(Reverse)] = "true";
        }

        if ((pageNumber ?? 1) is var p && p > 1)
        {
            values[nameof(PageNumber)] = p.ToString(CultureInfo.InvariantCulture);
        }

        return values;
    }
}
