using System.Net;
using ScoutPrime.Tokens.Web.Tests.Infrastructure;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>The rotate confirmation page as the Content-Security-Policy (style-src 'self') lets it render: no inline style.</summary>
public sealed class RotationConfirmationPageTests(TokensAppFactory app) : IClassFixture<TokensAppFactory>
{
    [Fact]
    public async Task Confirmation_page_has_no_inline_style_and_shows_a_wrong_choice_as_an_alert()
    {
        var (owner, _) = await app.SignInMemberAsync();
        var id = await owner.CreateTokenAsync("styled");

        var confirm = await owner.GetAsync($"/tokens/{id}/rotate");

        Assert.Equal(HttpStatusCode.OK, confirm.Status);
        Assert.DoesNotContain(" style=", confirm.Html, StringComparison.Ordinal);
        Assert.Null(confirm.Document.QuerySelector("[role=alert]"));

        var wrong = await owner.RotateAsync(id, "PT2H");

        Assert.Equal(HttpStatusCode.BadRequest, wrong.Status);
        Assert.Equal("Choose how long the old code keeps working.", wrong.Document.QuerySelector("form [role=alert]")!.TextContent.Trim());
    }
}
