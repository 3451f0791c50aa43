namespace ShuangSuiJi.Core.Kinds;

/// <summary>The ten outcomes of a check (检查结果), exactly as the regime lists them.</summary>
public enum ResultOutcome
{
    /// <summary>未发现问题.</summary>
    NoProblemFound = 1,
    /// <summary>未按规定公示应当公示的信息.</summary>
    InformationNotPublicised = 2,
    /// <summary>通过登记的住所（经营场所）无法联系.</summary>
    UnreachableAtRegisteredAddress = 3,
    /// <summary>不配合检查情节严重.</summary>
    SeriouslyUncooperative = 4,
    /// <summary>未发现开展本次抽查涉及的经营活动.</summary>
    NoBusinessActivityUnderCheck = 5,
    /// <summary>发现问题，依法责令立即改正或者限期改正.</summary>
    ProblemOrderedToCorrect = 6,
    /// <summary>发现问题，待后续调查处理.</summary>
    ProblemPendingInvestigation = 7,
    /// <summary>合格.</summary>
    Qualified = 8,
    /// <summary>不合格.</summary>
    Unqualified = 9,
    /// <summary>其他情况.</summary>
    Other = 99,
}
