using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using QRCoder;
using ShuangSuiJi.Hub.Access;
using ShuangSuiJi.Storage.Access;

namespace ShuangSuiJi.Hub.Evaluations;

/// <summary>
/// <c>GET /api/results/{task}/{target}/{department}/evaluation-qr</c>, administrators only: issues a new one-time
/// evaluation link for the result and answers its QR code as PNG; the link itself is in the
/// <c>X-Evaluation-Link</c> header (and its expiry in <c>X-Evaluation-Link-Expires</c>), to print or send.
/// </summary>
internal static class EvaluationQrApi
{
    public const string LinkHeader = "X-Evaluation-Link";

    public const string ExpiresHeader = "X-Evaluation-Link-Expires";

    public static IEndpointRouteBuilder MapEvaluationQrApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/results/{taskNumber}/{targetCreditCode}/{departmentCode}/evaluation-qr", GetAsync)
            // Issuing a link is an act, though a GET: the hub's access rule (no sign-in step pending) plus the role.
            // A policy, not [Authorize(Roles)], which would replace the default policy instead of adding to it.
            .RequireAuthorization(policy => policy
                .AddAuthenticationSchemes(Access.ServiceCollectionExtensions.SessionOrApiKey)
                .RequireAuthenticatedUser()
                .AddRequirements(new AccessRequirement())
                .RequireRole(AccountRoles.Administrator))
            .WithTags("Results")
            .WithName("GetResultEvaluationQr")
            .ScopedByDepartment("the inspecting department of the result")
            .WithSummary("Issues a one-time evaluation link for the result (评价二维码) and answers its QR code as PNG; the link is in the X-Evaluation-Link header.")
            .Produces(StatusCodes.Status200OK, contentType: "image/png");
        return app;
    }

    public static async Task<Results<FileContentHttpResult, NotFound, Conflict<string>>> GetAsync(
        string taskNumber, string targetCreditCode, string departmentCode, HttpContext context, ClaimsPrincipal user, VisibleDepartments visible, EvaluationLinks links,
        CancellationToken cancellationToken)
    {
        if (!visible.Allows(departmentCode))
        {
            return TypedResults.NotFound(); // out of the account's departments reads as absent
        }

        var request = context.Request;
        var (link, refusal) = await links.IssueAsync(taskNumber, targetCreditCode, departmentCode, user.Identity?.Name ?? "unknown",
            new Uri($"{request.Scheme}://{request.Host}{request.PathBase}"), context.Connection.RemoteIpAddress?.ToString(), cancellationToken);
        if (link is null)
        {
            return refusal == EvaluationLinkRefusal.Used ? TypedResults.Conflict("This inspection has already been evaluated.") : TypedResults.NotFound();
        }

        context.Response.Headers[LinkHeader] = link.Url.AbsoluteUri;
        context.Response.Headers[ExpiresHeader] = link.ExpiresAt.ToString("O", CultureInfo.InvariantCulture);
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.File(Png(link.Url), "image/png");
    }

    /// <summary>The QR code of <paramref name="url"/> (QRCoder's URL payload, error correction M), as PNG.</summary>
    public static byte[] Png(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(new PayloadGenerator.Url(url.AbsoluteUri).ToString(), QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(8);
    }
}
