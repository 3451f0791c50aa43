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

    /// <summary>Entities per page; GS allows at most 2,000. <value>Default 1,000.</value></summary>
    [Range(1, 2000, ErrorMessage = "Partners:GS:PageSize must be between 1 and 2000 (the contract's maximum).")]
    public int PageSize { get; set; } = 1000;
}
