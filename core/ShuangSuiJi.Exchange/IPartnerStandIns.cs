using ShuangSuiJi.Core.Kinds;

namespace ShuangSuiJi.Exchange;

/// <summary>
/// Stand-ins for every partner, run in-process when none is configured (the embedded default): they serve one
/// generated province and expose the configuration that points the adapters at them. Also plays the people at work
/// in the partner systems, so a fresh hub has exchanges to show. Implementations have a public constructor taking
/// (<see cref="long"/> targets, <see cref="ulong"/> seed).
/// </summary>
public interface IPartnerStandIns : IDisposable
{
    /// <summary>The configuration entries (adapter sections with base addresses and credentials) that reach the stand-ins.</summary>
    IReadOnlyDictionary<string, string?> Settings { get; }

    /// <summary>Inspectors enter these results in the partner that collects them; returns how many were new there.</summary>
    int EnterResults(IEnumerable<(InspectionResult Result, string TargetName)> results);

    /// <summary>The partner that reviews plans approves each pending one; returns how many were reviewed.</summary>
    int ReviewSubmittedPlans();

    /// <summary>The partner that handles case leads decides each open one; returns how many decisions were made.</summary>
    int DecideOpenCaseLeads(DateOnly today);

    /// <summary>
    /// The development secrets the stand-ins in the named assembly accept (their public static
    /// <c>DevelopmentSecrets</c>), without starting them: values production must never run with. Empty when the
    /// assembly is not installed beside the host.
    /// </summary>
    public static IReadOnlyList<string> DevelopmentSecretsOf(string assemblyName)
    {
        try
        {
            var type = System.Reflection.Assembly.Load(new System.Reflection.AssemblyName(assemblyName)).GetExportedTypes()
                .FirstOrDefault(t => t is { IsClass: true, IsAbstract: false } && typeof(IPartnerStandIns).IsAssignableFrom(t));
            return type?.GetProperty("DevelopmentSecrets", System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)?.GetValue(null) as IReadOnlyList<string> ?? [];
        }
        catch (System.IO.FileNotFoundException)
        {
            return []; // a production install without the simulators
        }
    }

    /// <summary>Finds the stand-ins type in the named assembly and starts it.</summary>
    /// <exception cref="InvalidOperationException">The assembly holds no stand-ins type.</exception>
    public static IPartnerStandIns Start(string assemblyName, long targets, ulong seed)
    {
        var type = System.Reflection.Assembly.Load(new System.Reflection.AssemblyName(assemblyName)).GetExportedTypes()
            .FirstOrDefault(t => t is { IsClass: true, IsAbstract: false } && typeof(IPartnerStandIns).IsAssignableFrom(t))
            ?? throw new InvalidOperationException($"Assembly {assemblyName} holds no {nameof(IPartnerStandIns)} type.");
        return (IPartnerStandIns)Activator.CreateInstance(type, targets, seed)!;
    }
}
