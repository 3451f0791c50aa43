using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ShuangSuiJi.Core.Codes;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Hub.Access;
using ShuangSuiJi.Storage;
using ShuangSuiJi.Storage.Audit;

namespace ShuangSuiJi.Hub.Apis;

/// <summary>
/// Shows one inspector's ID or phone number whole. Everywhere else they are masked, administrators included; this
/// explicit act is for administrators only (a POST, so the access policy refuses viewers with 403), inside their
/// department scope, and every reveal is written to the audit trail with who, whose and which field.
/// </summary>
internal static class RevealApi
{
    public static IEndpointRouteBuilder MapRevealApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/inspectors/{certificateNumber}/reveal", RevealInspectorAsync)
            .WithTags("Inspectors")
            .WithName("RevealInspector")
            .ScopedByDepartment("the inspector's department")
            .WithSummary("Shows one inspector's ID number (field=idNumber) or phone (field=phone) whole; administrators only, audited.");
        app.MapPost("/api/inspectors/find-by-id-number", FindByIdNumberAsync)
            .WithTags("Inspectors")
            .WithName("FindInspectorsByIdNumber")
            .ScopedByDepartment("the inspector's department")
            .WithSummary("The inspectors whose ID number is the body's idNumber, found by its blind index (the roster is not decrypted to search it); "
                + "numbers come out masked. Administrators only, in a POST body so the number stays out of addresses and access logs; audited.");
        return app;
    }

    public static async Task<Results<Ok<List<Inspector>>, ValidationProblem>> FindByIdNumberAsync(
        IdNumberLookup lookup,
        ClaimsPrincipal user,
        HttpContext http,
        HubDbContext db,
        VisibleDepartments visible,
        IAuditTrail audit,
        CancellationToken cancellationToken)
    {
        var idNumber = lookup.IdNumber?.Trim().ToUpperInvariant();
        if (idNumber is null || !IdNumber.IsWellFormed(idNumber))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["idNumber"] = ["idNumber must be 18 characters: 17 digits, then a digit or X."] });
        }

        // The blind index is deterministic (HMAC-SM3 under a data key), so equality is an indexed look-up; after a key
        // rotation, rows not yet re-encrypted carry the index under a retired key, so those are asked for too.
        var indexes = db.Cipher.BlindIndexes(idNumber);
        var found = await visible.Filter(db.Set<Inspector>().AsNoTracking(), i => i.DepartmentCode)
            .Where(i => indexes.Contains(EF.Property<string?>(i, HubDbContext.IdNumberIndex)!))
            .OrderBy(i => i.CertificateNumber)
            .ToListAsync(cancellationToken);
        await audit.RecordAsync(
            new AuditRecord(
                user.Identity?.Name ?? "?",
                AuditActs.Lookup,
                "inspectors/by-id-number",
                Detail: $"{new IdNumber(idNumber)}: {(found.Count == 0 ? "none found" : string.Join(", ", found.Select(i => i.CertificateNumber)))}",
                Address: http.Connection.RemoteIpAddress?.ToString()),
            cancellationToken);
        return TypedResults.Ok(found);
    }

    public static async Task<Results<Ok<RevealedValue>, NotFound, ValidationProblem>> RevealInspectorAsync(
        string certificateNumber,
        string? field,
        ClaimsPrincipal user,
        HttpContext http,
        HubDbContext db,
        VisibleDepartments visible,
        IAuditTrail audit,
        CancellationToken cancellationToken)
    {
        field ??= "idNumber";
        if (field is not ("idNumber" or "phone"))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["field"] = ["field must be idNumber or phone."] });
        }

        var inspector = await db.Set<Inspector>().AsNoTracking().FirstOrDefaultAsync(i => i.CertificateNumber == certificateNumber, cancellationToken);
        if (inspector is null || !visible.Allows(inspector.DepartmentCode))
        {
            return TypedResults.NotFound();
        }

        var value = field == "idNumber" ? inspector.IdNumber?.Value : inspector.Phone?.Value;
        await audit.RecordAsync(
            new AuditRecord(user.Identity?.Name ?? "?", AuditActs.Reveal, $"inspector/{certificateNumber}", Detail: $"field={field}", Address: http.Connection.RemoteIpAddress?.ToString()),
            cancellationToken);
        return TypedResults.Ok(new RevealedValue(certificateNumber, field, value));
    }
}

/// <summary>The body of a search by ID number.</summary>
public sealed record IdNumberLookup(string? IdNumber);

/// <summary>A revealed value: <see cref="Value"/> is whole, or <see langword="null"/> when the record has none.</summary>
public sealed record RevealedValue(string Key, string Field, string? Value);
