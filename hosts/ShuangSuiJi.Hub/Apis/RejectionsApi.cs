using Microsoft.EntityFrameworkCore;
using ShuangSuiJi.Hub.Access;
using ShuangSuiJi.Storage;

namespace ShuangSuiJi.Hub.Apis;

/// <summary>Records the hub refused, with every reason, newest first: nothing is dropped silently.</summary>
internal static class RejectionsApi
{
    public static IEndpointRouteBuilder MapRejectionsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/rejections", ListAsync).WithTags("Rejections").WithName("ListRejections")
            .ProvinceAccountsOnly("Rejected records are refused before they become canonical: their payloads may name any department and cannot be filtered.")
            .WithSummary("Rejected records, newest first, optionally for one kind or partner.");
        return app;
    }

    public static async Task<IResult> ListAsync(HubDbContext db, CancellationToken cancellationToken, string? kind = null, string? partner = null, int page = 1, int pageSize = PageQuery.DefaultPageSize)
    {
        if (page < 1 || pageSize is < 1 or > PageQuery.MaxPageSize)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                [page < 1 ? "page" : "pageSize"] = [$"page must be 1 or more and pageSize 1 to {PageQuery.MaxPageSize}"],
            });
        }

        var query = db.RejectedRecords.AsNoTracking();
        if (kind is not null)
        {
            query = query.Where(r => r.Kind == kind);
        }

        if (partner is not null)
        {
            query = query.Where(r => r.Partner == partner);
        }

        var total = await query.LongCountAsync(cancellationToken);
        var items = await query.OrderByDescending(r => r.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        foreach (var item in items)
        {
            item.Payload = Core.Codes.SensitiveText.Mask(item.Payload); // stored encrypted when sensitive; never shown whole
        }

        return TypedResults.Ok(new Page<RejectedRecord>(items, page, pageSize, total));
    }
}
