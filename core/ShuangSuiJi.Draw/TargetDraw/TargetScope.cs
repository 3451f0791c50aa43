using ShuangSuiJi.Core.Kinds;

namespace ShuangSuiJi.Draw.TargetDraw;

/// <summary>
/// Which targets a task may draw from (抽查对象范围). Every non-empty criterion must hold; an empty list does not
/// restrict. Derived from the plan's items' target scope, the initiating department's region and the task.
/// </summary>
public sealed record TargetScope
{
    /// <summary>Region codes (6 digits); a target matches when inside any (<c>360100</c> covers all of 南昌市).</summary>
    public IReadOnlyList<string> Regions { get; init; } = [];

    /// <summary>GB/T 4754 industry codes or prefixes (<c>F52</c> covers all retail); match on prefix.</summary>
    public IReadOnlyList<string> Industries { get; init; } = [];

    /// <summary>Tags; a target matches when it carries any of them (药品零售企业, 加油站 …).</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Entity types allowed.</summary>
    public IReadOnlyList<EntityType> EntityTypes { get; init; } = [];

    /// <summary>A scope with no restriction: the whole directory.</summary>
    public static TargetScope Everything { get; } = new();
}
