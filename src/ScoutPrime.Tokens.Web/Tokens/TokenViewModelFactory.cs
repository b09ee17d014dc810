using Microsoft.Extensions.Options;

namespace ScoutPrime.Tokens.Web.Tokens;

/// <summary>Builds every Tokens screen's model from what the service read, with one clock and one set of options.</summary>
public sealed class TokenViewModelFactory(TimeProvider time, IOptions<TokenOptions> options, Settings.TokenPolicyStore policies)
{
    private TokenOptions Options => options.Value;

    /// <summary>The suggested timeout, never above a maximum an administrator lowered below it.</summary>
    private int DefaultTimeoutDays => Math.Min(Options.DefaultTimeoutDays, policies.Current.MaxTimeoutDays);

    public TokenListViewModel List(IReadOnlyList<TokenSummary> tokens, Guid? revealedId = null, string? code = null, Guid? newId = null, Guid? focusId = null)
    {
        var now = time.GetUtcNow();
        var rows = tokens
            .Select(t => new TokenRow(
                t,
                t.StatusAt(now, Options.ExpiresSoonDays),
                t.Id == revealedId,
                t.Id == revealedId ? code : null,
                t.Id == newId,
                t.Id == newId || t.Id == focusId))
            .ToList();
        return new TokenListViewModel(rows, now, Allowance(tokens.Count));
    }

    /// <summary>The Add Token form: empty with the suggested timeout, or as posted.</summary>
    public TokenCreateViewModel Create(int tokenCount, TokenForm? form = null) =>
        new(Fields(form ?? new TokenForm { TimeoutDays = DefaultTimeoutDays }), Allowance(tokenCount));

    /// <summary>The Edit form: the token's own values, or as posted.</summary>
    public TokenEditViewModel Edit(TokenSummary token, TokenForm? form = null) =>
        new(token, Fields(form ?? new TokenForm { Description = token.Description, TimeoutDays = token.TimeoutDays, Version = token.Version }));

    public bool IsExpired(TokenSummary token) => token.IsExpired(time.GetUtcNow());

    private TokenFieldsModel Fields(TokenForm form) => new(form, time.GetUtcNow(), policies.Current.MaxTimeoutDays);

    private TokenAllowance Allowance(int count) => new(count, policies.Current.MaxPerUser);
}
