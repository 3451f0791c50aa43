using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using ShuangSuiJi.Storage.Access;

namespace ShuangSuiJi.Hub.Access;

/// <summary>The login form, logout, the change-password form and <c>/api/me</c>. Forms are read by hand: the session cookie is SameSite=Strict.</summary>
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

    public static async Task<IResult> LoginAsync(HttpContext context, AccountService accounts, CancellationToken cancellationToken)
    {
        var form = await context.Request.ReadFormAsync(cancellationToken);
        var name = form["name"].ToString().Trim();
        var returnUrl = LocalOrRoot(form["returnUrl"]);
        var outcome = await accounts.CheckPasswordAsync(name, form["password"].ToString(), cancellationToken);
        if (outcome.Account is not { } account)
        {
            var problem = outcome.LockedUntil is { } until
                ? $"{outcome.Problem}，请于 {until.ToOffset(TimeSpan.FromHours(8)):HH:mm} 后再试"
                : outcome.Problem;
            return TypedResults.Redirect($"/login?error={Uri.EscapeDataString(problem ?? "")}&returnUrl={Uri.EscapeDataString(returnUrl)}");
        }

        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, AccessClaims.For(account));
        return TypedResults.Redirect(account.MustChangePassword ? "/account/password" : returnUrl);
    }

    public static async Task<IResult> LogoutAsync(HttpContext context)
    {
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.Redirect("/login");
    }

    public static IResult PasswordForm(HttpContext context)
    {
        if (context.User.Identity?.IsAuthenticated != true)
        {
            return TypedResults.Redirect("/login");
        }

        var forced = AccessClaims.MustChange(context.User)
            ? "<p class=\"notice\">首次登录或密码已被重置，请先修改密码。</p>"
            : "";
        return Page("修改密码", $"""
            <form method="post" action="/account/password" class="card">
              <h1>修改密码</h1>
              <p class="muted">账户：{Enc(context.User.Identity.Name ?? "")}</p>
              {forced}
              {Notice(context.Request.Query["error"])}
              <label>当前密码<input name="current" type="password" autocomplete="current-password" required autofocus></label>
              <label>新密码（至少 {AccountService.MinPasswordLength} 个字符）<input name="next" type="password" autocomplete="new-password" required></label>
              <label>确认新密码<input name="confirmation" type="password" autocomplete="new-password" required></label>
              <button type="submit">保存新密码</button>
            </form>
            <form method="post" action="/logout" class="links"><button type="submit" class="link">退出登录</button></form>
            """);
    }

    public static async Task<IResult> ChangePasswordAsync(HttpContext context, AccountService accounts, CancellationToken cancellationToken)
    {
        if (AccessClaims.AccountId(context.User) is not { } id)
        {
            return TypedResults.Redirect("/login");
        }

        var form = await context.Request.ReadFormAsync(cancellationToken);
        var (account, problem) = await accounts.ChangePasswordAsync(id, form["current"].ToString(), form["next"].ToString(), form["confirmation"].ToString(), cancellationToken);
        if (account is null)
        {
            return TypedResults.Redirect($"/account/password?error={Uri.EscapeDataString(problem ?? "")}");
        }

        // A new cookie: the old one names the old password's stamp and is refused from now on.
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, AccessClaims.For(account));
        return TypedResults.Redirect("/");
    }

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
