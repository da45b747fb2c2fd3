using System.Globalization;
using System.Text.Encodings.Web;
using IpSolis.Server.Web.Resources;
using Microsoft.Extensions.Localization;

namespace IpSolis.Server.Features.Portal.Oidc;

/// <summary>
/// The answer to a sign-out form whose session came from a provider: a page that moves on to the provider's
/// end-session address (meta refresh, and a link for anyone whose browser does not follow it). Not a redirect: our
/// content security policy's <c>form-action 'self'</c> rightly stops a form post from being redirected to another
/// site, and a page that navigates on its own is not a form submission.
/// </summary>
internal static class ProviderSignOutPage
{
    public static IResult For(Uri endSession, string providerName, IStringLocalizer<PortalStrings> strings)
    {
        var url = HtmlEncoder.Default.Encode(endSession.AbsoluteUri);
        var text = HtmlEncoder.Default.Encode(strings["SignOutAtProvider", providerName].Value);
        var button = HtmlEncoder.Default.Encode(strings["SignOutAtProviderContinue"].Value);
        var language = HtmlEncoder.Default.Encode(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);
        return Results.Content(
            $"""
            <!doctype html><html lang="{language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="refresh" content="0;url={url}">
            <title>{button} · ip·Solis</title><link rel="icon" href="/icons/ipsolis.svg" type="image/svg+xml"><link rel="stylesheet" href="/css/ipsolis.css"></head>
            <body><main class="error-page"><p>{text}</p>
            <p><a id="provider-sign-out" class="btn btn-primary" href="{url}">{button}</a></p></main></body></html>
            """, "text/html; charset=utf-8");
    }
}
