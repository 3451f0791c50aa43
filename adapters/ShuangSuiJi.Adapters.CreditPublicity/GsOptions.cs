using System.ComponentModel.DataAnnotations;

namespace ShuangSuiJi.Adapters.CreditPublicity;

/// <summary>Connection to GS. Section <c>Partners:GS</c>.</summary>
public sealed class GsOptions
{
    public const string SectionName = "Partners:GS";

    /// <summary>Base address including <c>/gsxt/dsj/</c>, for example <c>http://127.0.0.1:5102/gsxt/dsj/</c>.</summary>
    [Required(ErrorMessage = "Partners:GS:BaseUrl is required.")]
    public Uri? BaseUrl { get; set; }

    [Required(ErrorMessage = "Partners:GS:Username is required.")]
    public string Username { get; set; } = "";

    [Required(ErrorMessage = "Partners:GS:Password is required.")]
    public string Password { get; set; } = "";

    /// <summary>
    /// The province character GS drops from certificate numbers (GS <c>36010012345</c> is canonical
    /// <c>赣36010012345</c>). <value>Default 赣.</value>
    /// </summary>
    [Required(ErrorMessage = "Partners:GS:CertificatePrefix is required.")]
    [StringLength(1, MinimumLength = 1, ErrorMessage = "Partners:GS:CertificatePrefix is one province character, for example 赣.")]
    public string CertificatePrefix { get; set; } = "赣";

    /// <summary>Entities per page; GS allows at most 2,000. <value>Default 1,000.</value></summary>
    [Range(1, 2000, ErrorMessage = "Partners:GS:PageSize must be between 1 and 2000 (the contract's maximum).")]
    public int PageSize { get; set; } = 1000;
}
