namespace ShuangSuiJi.Core.Codes;

/// <summary>A phone number; <see cref="ToString"/> masks all but the first three and last four digits.</summary>
public readonly record struct PhoneNumber(string Value)
{
    public override string ToString() => IdNumber.Mask(Value, keepStart: 3, keepEnd: 4);
}
