namespace ShuangSuiJi.Mappings.Wire;

/// <summary>What a file mapping needs besides the payload: the clock (receipt times, today for validation) and the partner settings that shape the wire.</summary>
/// <param name="Clock">Receipt times of partners that send none, and "today" for validation; tests pass a fixed one.</param>
/// <param name="CertificatePrefix">The province character GS drops from certificate numbers.</param>
/// <param name="Province">The province region code ZJ batches carry.</param>
public sealed record WireContext(TimeProvider Clock, string CertificatePrefix = "赣", string Province = "360000");
