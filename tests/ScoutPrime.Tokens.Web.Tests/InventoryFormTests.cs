using System.Net;
using AngleSharp.Html.Dom;

namespace ScoutPrime.Tokens.Web.Tests;

/// <summary>
/// The Tokens screen's filter form submitted as a browser submits it: every field, blank ones included, and the
/// status list's selected option. (The other inventory tests write their query strings by hand.)
/// </summary>
public sealed class InventoryFormTests(InventoryFixture seeded) : IClassFixture<InventoryFixture>
{
    [Fact]
    public async Task The_filter_form_with_status_Any_and_blank_fields_lists_the_owners_tokens()
    {
        using var admin = await seeded.SignInAdministratorAsync();
        var form = (await admin.GetAsync("/admin/tokens")).Form("form.inventory-filters");

        var page = await admin.GetAsync(AsBrowserSubmits(form, ("Owner", InventoryFixture.Domain)));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(6, InventoryTests.Descriptions(page).Length);
        Assert.Contains("6 tokens match", page.Text, StringComparison.Ordinal);
    }

    /// <summary>The GET a browser makes from the form: text fields as typed (blank too), checked boxes only, each list's selected option.</summary>
    private static string AsBrowserSubmits(IHtmlFormElement form, params (string Name, string Value)[] typed)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement { Type: "checkbox" or "radio" } box when !box.IsChecked:
                case IHtmlInputElement { Type: "submit" }:
                    break;
                case IHtmlInputElement input when input.Name is { Length: > 0 } name:
                    fields.Add(new(name, typed.FirstOrDefault(t => t.Name == name).Value ?? input.Value));
                    break;
                case IHtmlSelectElement select when select.Name is { Length: > 0 } name:
                    fields.Add(new(name, (select.Options.FirstOrDefault(o => o.IsSelected) ?? select.Options[0]!).Value));
                    break;
            }
        }

        return form.GetAttribute("action") + "?" + string.Join('&', fields.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}"));
    }
}
