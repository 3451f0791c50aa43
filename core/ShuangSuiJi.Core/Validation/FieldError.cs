namespace ShuangSuiJi.Core.Validation;

/// <summary>One reason a record is not acceptable, naming the field.</summary>
/// <param name="Field">Canonical field name, for example <c>CreditCode</c> or <c>Participants[1].DepartmentCode</c>.</param>
/// <param name="Reason">What is wrong, in words an administrator can act on.</param>
public sealed record FieldError(string Field, string Reason)
{
    public override string ToString() => $"{Field}: {Reason}";
}
