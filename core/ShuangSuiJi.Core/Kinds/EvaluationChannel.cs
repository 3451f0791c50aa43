namespace ShuangSuiJi.Core.Kinds;

/// <summary>How an evaluation was submitted (评价渠道).</summary>
public enum EvaluationChannel
{
    /// <summary>二维码 (scanning the QR code).</summary>
    QrCode = 1,
    /// <summary>PC.</summary>
    Web = 2,
    /// <summary>APP.</summary>
    App = 3,
}
