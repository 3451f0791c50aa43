namespace ShuangSuiJi.Draw.TargetDraw;

/// <summary>What to do when a draw would leave fewer than half the low-risk targets in scope undisturbed (无事不扰).</summary>
public enum GuardMode
{
    /// <summary>Draw fewer A targets, as many as the guard allows, and say so. The default.</summary>
    Trim,
    /// <summary>Refuse the whole draw, with the figures.</summary>
    Refuse,
}
