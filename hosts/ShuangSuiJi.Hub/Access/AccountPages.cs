using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using ShuangSuiJi.Storage.Access;
using ShuangSuiJi.Storage.Audit;

namespace ShuangSuiJi.Hub.Access;

/// <summary>
/// The login form, the second-factor form (enrolment and code), logout, the change-password form and <c>/api/me</c>.
/// Forms are read by hand: the session cookie is SameSite=Strict. A login passes its steps in order
/// (<see cref="SignInStep"/>); until the last one the cookie carries the pending step and opens nothing else.
/// </summary>
internal static class AccountPages
{
    public static IEndpointRouteBuilder MapAccountPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/login", LoginForm).AllowAnonymous().ExcludeFromDescription();
        app.MapPost("/login", LoginAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapPost("/logout", (Delegate)LogoutAsync).AllowAnonymous().ExcludeFromDescription();
        // Reachable while a password change is forced, which the access policy refuses everywhere else.
        app.MapGet("/account/password", PasswordForm).AllowAnonymous().ExcludeFromDescription();
        app.MapPost("/account/password", ChangePasswordAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/account/second-factor", SecondFactorFormAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapPost("/account/second-factor", VerifySecondFactorAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/api/me", Me).WithTags("Access").WithName("GetMe")
            .ProvinceWide("The caller's own account only.").WithSummary("The signed-in account: name, role, department scope.");
        return app;
    }

    public static IResult Me(ClaimsPrincipal user) => TypedResults.Ok(new
    {
        name = user.Identity?.Name,
        role = user.FindFirstValue(ClaimTypes.Role),
        department = user.FindFirstValue(AccessClaims.Department),
        canAct = user.IsInRole(AccountRoles.Administrator),
    });

    public static IResult LoginForm(HttpContext context, string? returnUrl = null) =>
        Page("登录", $"""
            <form method="post" action="/login" class="card">
              <h1>双随机监管数据交换平台</h1>
              <p class="muted">管理员控制台 · 请登录</p>
              {Notice(context.Request.Query["error"])}
              <input type="hidden" name="returnUrl" value="{Enc(LocalOrRoot(returnUrl))}">
              <label>用户名<input name="name" autocomplete="username" required autofocus></label>
              <label>密码<input name="password" type="password" autocomplete="current-password" required></label>
              <button type="submit">登录</button>
            </form>
            """);

    public static async Task<IResult> LoginAsync(HttpContext context, AccountService accounts, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var form = await context.Request.ReadFormAsync(cancellationToken);
        var name = form["name"].ToString().Trim();
        var returnUrl = LocalOrRoot(form["returnUrl"]);
        var outcome = await accounts.CheckPasswordAsync(name, form["password"].ToString(), Address(context), cancellationToken);
        if (outcome.Account is not { } account)
        {
            var problem = outcome.LockedUntil is { } until
                ? $"{outcome.Problem}，请于 {until.ToOffset(TimeSpan.FromHours(8)):HH:mm} 后再试"
                : outcome.Problem;
            return TypedResults.Redirect($"/login?error={Uri.EscapeDataString(problem ?? "")}&returnUrl={Uri.EscapeDataString(returnUrl)}");
        }

        return await ContinueAsync(context, account, outcome.Step, secondFactorVerified: false, timeProvider.GetUtcNow(), returnUrl);
    }

    /// <summary>Issues the cookie for the account's next step and sends the browser to that step's form (or on).</summary>
    private static async Task<IResult> ContinueAsync(HttpContext context, Account account, SignInStep step, bool secondFactorVerified, DateTimeOffset signedInAt, string returnUrl)
    {
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, AccessClaims.For(account, signedInAt, step, secondFactorVerified));
        return TypedResults.Redirect(step switch
        {
            SignInStep.PasswordChange => "/account/password",
            SignInStep.SecondFactor or SignInStep.SecondFactorEnrolment => "/account/second-factor",
            _ => returnUrl,
        });
    }

    public static async Task<IResult> LogoutAsync(HttpContext context, AccountService accounts, CancellationToken cancellationToken)
    {
        if (context.User.Identity is { IsAuthenticated: true, Name: { } name })
        {
            await accounts.AuditAsync(name, AuditActs.Logout, AuditOutcomes.Succeeded, null, Address(context), cancellationToken);
        }

        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.Redirect("/login");
    }

    public static IResult PasswordForm(HttpContext context)
    {
        if (context.User.Identity?.IsAuthenticated != true)
        {
            return TypedResults.Redirect("/login");
        }

        var forced = context.User.FindFirstValue(AccessClaims.MustChangePassword) switch
        {
            "initial" => "<p class=\"notice\">首次登录或密码已被重置，请先修改密码。</p>",
            "expired" => "<p class=\"notice\">密码已到期，请修改密码后继续使用。</p>",
            _ => "",
        };
        return Page("修改密码", $"""
            <form method="post" action="/account/password" class="card">
              <h1>修改密码</h1>
              <p class="muted">账户：{Enc(context.User.Identity.Name ?? "")}</p>
              {forced}
              {Notice(context.Request.Query["error"])}
              <label>当前密码<input name="current" type="password" autocomplete="current-password" required autofocus></label>
              <p class="muted">{PasswordRule.DescriptionZh}。</p>
              <label>新密码<input name="next" type="password" autocomplete="new-password" required></label>
              <label>确认新密码<input name="confirmation" type="password" autocomplete="new-password" required></label>
              <button type="submit">保存新密码</button>
            </form>
            <form method="post" action="/logout" class="links"><button type="submit" class="link">退出登录</button></form>
            """);
    }

    public static async Task<IResult> ChangePasswordAsync(HttpContext context, AccountService accounts, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        if (AccessClaims.AccountId(context.User) is not { } id)
        {
            return TypedResults.Redirect("/login");
        }

        if (IsVerifyPending(context.User))
        {
            // The second factor comes before a password change: a stolen password alone changes nothing.
            return TypedResults.Redirect("/account/second-factor");
        }

        var form = await context.Request.ReadFormAsync(cancellationToken);
        var (account, problem) = await accounts.ChangePasswordAsync(id, form["current"].ToString(), form["next"].ToString(), form["confirmation"].ToString(), Address(context), cancellationToken);
        if (account is null)
        {
            return TypedResults.Redirect($"/account/password?error={Uri.EscapeDataString(problem ?? "")}");
        }

        // A new cookie: the old one names the old password's stamp and is refused from now on.
        var verified = AccessClaims.IsSecondFactorVerified(context.User);
        return await ContinueAsync(context, account, accounts.NextStep(account, verified), verified, AccessClaims.SignedInAtOf(context.User) ?? timeProvider.GetUtcNow(), "/");
    }

    private static bool IsVerifyPending(ClaimsPrincipal user) => user.FindFirstValue(AccessClaims.PendingSecondFactor) == "verify";

    public static async Task<IResult> SecondFactorFormAsync(HttpContext context, SecondFactorService secondFactor, CancellationToken cancellationToken)
    {
        if (AccessClaims.AccountId(context.User) is not { } id)
        {
            return TypedResults.Redirect("/login");
        }

        var pending = context.User.FindFirstValue(AccessClaims.PendingSecondFactor);
        if (pending is null)
        {
            return TypedResults.Redirect(AccessClaims.MustChange(context.User) ? "/account/password" : "/");
        }

        var enrolment = pending == "enrol" ? await secondFactor.EnrolmentAsync(id, cancellationToken) : null;
        var intro = enrolment is null
            ? "<p class=\"muted\">请输入身份验证器应用中显示的 6 位动态验证码。</p>"
            : $"""
              <p class="notice">管理员账户须绑定动态口令（TOTP）作为第二重身份验证。请用身份验证器应用扫描二维码，或手动输入密钥，然后输入应用显示的 6 位验证码完成绑定。</p>
              <img class="qr" alt="动态口令二维码" data-testid="totp-qr" src="data:image/png;base64,{Convert.ToBase64String(enrolment.QrPng)}">
              <p>密钥：<code data-testid="totp-secret">{Enc(enrolment.Secret)}</code></p>
              <p class="muted small">otpauth 链接：<code data-testid="totp-uri">{Enc(enrolment.Uri)}</code></p>
              """;
        return Page(enrolment is null ? "动态验证码" : "绑定动态口令", $"""
            <form method="post" action="/account/second-factor" class="card">
              <h1>{(enrolment is null ? "动态验证码" : "绑定动态口令")}</h1>
              <p class="muted">账户：{Enc(context.User.Identity?.Name ?? "")}</p>
              {intro}
              {Notice(context.Request.Query["error"])}
              <label>动态验证码<input name="code" inputmode="numeric" pattern="[0-9 ]*" maxlength="7" autocomplete="one-time-code" required autofocus></label>
              <button type="submit">{(enrolment is null ? "验证" : "完成绑定")}</button>
            </form>
            <form method="post" action="/logout" class="links"><button type="submit" class="link">退出登录</button></form>
            """);
    }

    public static async Task<IResult> VerifySecondFactorAsync(HttpContext context, SecondFactorService secondFactor, AccountService accounts, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        if (AccessClaims.AccountId(context.User) is not { } id || context.User.FindFirstValue(AccessClaims.PendingSecondFactor) is not { } pending)
        {
            return TypedResults.Redirect("/login");
        }

        var form = await context.Request.ReadFormAsync(cancellationToken);
        var (account, problem) = await secondFactor.VerifyAsync(id, form["code"].ToString(), enrolling: pending == "enrol", Address(context), cancellationToken);
        if (account is null)
        {
            return TypedResults.Redirect($"/account/second-factor?error={Uri.EscapeDataString(problem ?? "")}");
        }

        return await ContinueAsync(context, account, accounts.NextStep(account, secondFactorVerified: true), secondFactorVerified: true, AccessClaims.SignedInAtOf(context.User) ?? timeProvider.GetUtcNow(), "/");
    }

    private static string? Address(HttpContext context) => context.Connection.RemoteIpAddress?.ToString();

    private static string LocalOrRoot(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal) ? url : "/";

    private static string Enc(string text) => HtmlEncoder.Default.Encode(text);

    private static string Notice(string? error) => string.IsNullOrEmpty(error) ? "" : $"<p class=\"error\" role=\"alert\">{Enc(error)}</p>";

    private static IResult Page(string title, string body) => TypedResults.Content($"""
        <!doctype html>
        <html lang="zh-CN">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>{title} · 双随机监管数据交换平台</title>
          <link rel="stylesheet" href="/public/login.css">
        </head>
        <body class="login">
        {body}
        </body>
        </html>
        """, "text/html; charset=utf-8");
}
