using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Antiforgery;

namespace ShuangSuiJi.Hub.Evaluations;

/// <summary>
/// The page an inspected enterprise reaches from the QR code (Simplified Chinese): <c>GET /evaluate/{token}</c> shows
/// the inspection and a form (rating 1–5, comment up to 500 characters, an antiforgery token); <c>POST</c> stores the
/// evaluation. With <c>/login</c> and health, the only pages open without an account. A forged link answers 400, an
/// expired one 410, a used one 409, an unknown link or result 404, each with a page saying so.
/// </summary>
internal static class EvaluationPages
{
    public static IEndpointRouteBuilder MapEvaluationPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/evaluate/{token}", FormAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapPost("/evaluate/{token}", SubmitAsync).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    public static async Task<IResult> FormAsync(string token, HttpContext context, EvaluationLinks links, IAntiforgery antiforgery, CancellationToken cancellationToken)
    {
        var check = await links.CheckAsync(token, cancellationToken);
        return check.Refusal == EvaluationLinkRefusal.None
            ? Form(context, antiforgery, token, check, rating: null, comment: "", error: null, StatusCodes.Status200OK)
            : Refused(check.Refusal);
    }

    public static async Task<IResult> SubmitAsync(string token, HttpContext context, EvaluationLinks links, IAntiforgery antiforgery, CancellationToken cancellationToken)
    {
        if (!context.Request.HasFormContentType)
        {
            return Page("无法提交", "提交的内容无法识别，请重新扫描二维码后填写。", StatusCodes.Status400BadRequest);
        }

        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return Page("页面已失效", "表单已失效或不是从评价页面提交的。请重新扫描二维码，在打开的页面中填写并提交。", StatusCodes.Status400BadRequest);
        }

        var form = await context.Request.ReadFormAsync(cancellationToken);
        var ratingText = form["rating"].ToString();
        var comment = form["comment"].ToString().Trim();
        var rating = int.TryParse(ratingText, NumberStyles.None, CultureInfo.InvariantCulture, out var r) && r is >= 1 and <= 5 ? r : (int?)null;
        if (rating is null || comment.Length > EvaluationLinks.MaxComment)
        {
            var check = await links.CheckAsync(token, cancellationToken);
            if (check.Refusal != EvaluationLinkRefusal.None)
            {
                return Refused(check.Refusal);
            }

            var error = rating is null ? "请选择 1 至 5 分的满意度。" : $"评价内容不能超过 {EvaluationLinks.MaxComment} 个字（当前 {comment.Length} 个字）。";
            return Form(context, antiforgery, token, check, rating, comment, error, StatusCodes.Status400BadRequest);
        }

        var outcome = await links.SubmitAsync(token, rating.Value, comment, context.Connection.RemoteIpAddress?.ToString(), cancellationToken);
        return outcome.Refusal == EvaluationLinkRefusal.None
            ? Page("评价已提交", "感谢您对本次检查的评价！评价已提交，本链接已失效，无需再次提交。", StatusCodes.Status200OK)
            : Refused(outcome.Refusal);
    }

    private static IResult Refused(EvaluationLinkRefusal refusal) => refusal switch
    {
        EvaluationLinkRefusal.Forged => Page("链接无效", "该评价链接无效或已被篡改，无法使用。请扫描检查人员提供的二维码，或联系实施检查的部门。", StatusCodes.Status400BadRequest),
        EvaluationLinkRefusal.Expired => Page("链接已过期", "该评价链接已超过有效期，无法再提交评价。如需评价，请联系实施检查的部门重新提供二维码。", StatusCodes.Status410Gone),
        EvaluationLinkRefusal.Used => Page("已评价", "本次检查已经提交过评价，每次检查只能评价一次。感谢您的参与！", StatusCodes.Status409Conflict),
        EvaluationLinkRefusal.UnknownResult => Page("检查结果不存在", "未找到该链接对应的检查结果，可能已被撤销。请联系实施检查的部门。", StatusCodes.Status404NotFound),
        _ => Page("链接不存在", "未找到该评价链接，可能已被撤销。请联系实施检查的部门重新提供二维码。", StatusCodes.Status404NotFound),
    };

    private static IResult Form(HttpContext context, IAntiforgery antiforgery, string token, EvaluationLinkCheck check, int? rating, string comment, string? error, int status)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        var result = check.Result ?? throw new InvalidOperationException("A usable link always names its result.");
        string[] labels = ["", "非常不满意", "不满意", "一般", "满意", "非常满意"];
        var options = string.Concat(Enumerable.Range(1, 5).Reverse().Select(i =>
            $"""<label class="choice"><input type="radio" name="rating" value="{i}" required{(rating == i ? " checked" : "")}> {i} 分 · {labels[i]}</label>"""));
        var notice = error is null ? "" : $"""<p class="error" role="alert">{Enc(error)}</p>""";
        return Html("检查评价", $"""
            <form method="post" action="/evaluate/{Enc(token)}" class="card">
              <h1>请对本次检查进行评价</h1>
              <p class="muted">您的评价将提交给实施检查的部门，用于改进执法检查工作。</p>
              <dl>
                <dt>被检查单位</dt><dd>{Enc(check.TargetName ?? result.TargetCreditCode)}</dd>
                <dt>统一社会信用代码</dt><dd>{Enc(result.TargetCreditCode)}</dd>
                <dt>检查部门</dt><dd>{Enc(check.DepartmentName ?? result.DepartmentCode)}</dd>
                <dt>检查任务</dt><dd>{Enc(result.TaskNumber)}</dd>
                <dt>检查日期</dt><dd>{result.InspectedOn:yyyy-MM-dd}</dd>
              </dl>
              {notice}
              <fieldset><legend>满意度</legend>{options}</fieldset>
              <label>评价内容（选填，不超过 {EvaluationLinks.MaxComment} 字）<textarea name="comment" rows="5" maxlength="{EvaluationLinks.MaxComment}">{Enc(comment)}</textarea></label>
              <input type="hidden" name="{Enc(tokens.FormFieldName)}" value="{Enc(tokens.RequestToken ?? "")}">
              <button type="submit">提交评价</button>
              <p class="muted">每次检查只能评价一次，提交后本链接即失效。</p>
            </form>
            """, status);
    }

    private static IResult Page(string title, string message, int status) => Html(title, $"""
        <div class="card">
          <h1>{Enc(title)}</h1>
          <p>{Enc(message)}</p>
        </div>
        """, status);

    private static IResult Html(string title, string body, int status) => TypedResults.Content($"""
        <!doctype html>
        <html lang="zh-CN">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <meta name="robots" content="noindex">
          <title>{Enc(title)} · 双随机检查评价</title>
          <link rel="stylesheet" href="/public/login.css">
        </head>
        <body class="login">
        {body}
        </body>
        </html>
        """, "text/html; charset=utf-8", statusCode: status);

    /// <summary>Encodes markup but keeps Chinese as text (the default encoder writes every CJK character as an entity).</summary>
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private static string Enc(string text) => Encoder.Encode(text);
}
