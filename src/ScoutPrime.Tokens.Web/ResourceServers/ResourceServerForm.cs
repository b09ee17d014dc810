using System.ComponentModel.DataAnnotations;
using ScoutPrime.Tokens.Web.Tokens;

namespace ScoutPrime.Tokens.Web.ResourceServers;

/// <summary>What the Add resource server form posts: a name only; the client id and secret are generated.</summary>
public sealed class ResourceServerForm
{
    public const int NameMaxLength = 100;

    [Required(ErrorMessage = "Enter a name.")]
    [StringLength(NameMaxLength, ErrorMessage = "Keep the name to {1} characters or fewer.")]
    [PlainText]
    [Display(Name = "Name")]
    public string? Name
    {
        get;
        set => field = value?.Trim();
    }
}

public sealed record ResourceServerRow(Guid Id, string Name, string ClientId, DateTimeOffset CreatedAt, string? CreatedByEmail, DateTimeOffset? LastUsedAt);

/// <summary>The page shown once after Add: the only time the secret exists outside the resource server.</summary>
public sealed record ResourceServerCreatedViewModel(string Name, string ClientId, string Secret, Uri IntrospectionEndpoint);
