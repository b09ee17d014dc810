using Microsoft.AspNetCore.Mvc;
using ScoutPrime.Tokens.Web.Identity;

namespace ScoutPrime.Tokens.Web.Home;

public sealed class HomeController : Controller
{
    [HttpGet("/")]
    public IActionResult Index() =>
        User.IsInRole(Roles.ApiTokensGroup) ? RedirectToAction("Index", "Tokens") : View();
}
