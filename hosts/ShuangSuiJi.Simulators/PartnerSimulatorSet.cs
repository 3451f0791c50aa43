using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Exchange;
using ShuangSuiJi.Generation;
using ShuangSuiJi.Simulators.CreditPublicity;
using ShuangSuiJi.Simulators.NationalPlatform;
using ShuangSuiJi.Simulators.PenaltyCases;
using ShuangSuiJi.Simulators.RiskClassification;
using ShuangSuiJi.Simulators.Supervision;

namespace ShuangSuiJi.Simulators;

/// <summary>
/// The five partner simulators on loopback, all serving the same generated province (same seed, same province in
/// every simulator), with the configuration the hub needs to reach them.
/// </summary>
public sealed class PartnerSimulatorSet : IPartnerStandIns
{
    /// <summary>Starts the simulators on a province of <paramref name="targets"/> targets from generator seed <paramref name="seed"/>.</summary>
    public PartnerSimulatorSet(long targets, ulong seed)
        : this(new GeneratorOptions { TargetCount = targets, Seed = seed })
    {
    }

    /// <param name="province">The generated province every simulator serves.</param>
    /// <param name="basePort">SUP on this port, GS, FX, CF and ZJ on the next four; free ports when 0.</param>
    public PartnerSimulatorSet(GeneratorOptions province, int basePort = 0)
    {
        int Port(int offset) => basePort == 0 ? 0 : basePort + offset;
        var generator = new ProvinceGenerator(province);
        var targets = generator.Targets().ToList();
        var departments = generator.Departments();
        var inspectors = generator.Inspectors().ToList();
        Sup = new SupervisionSimulator(departments, inspectors, users: generator.Users(), items: generator.Items(), evaluations: generator.Evaluations(), port: Port(0));
        Gs = new CreditPublicitySimulator(targets, inspectors, Port(1));
        Fx = new RiskClassificationSimulator(targets, Port(2));
        Cf = new PenaltyCasesSimulator(Port(3));
        Zj = new NationalPlatformSimulator(departments.Select(d => d.CreditCode).OfType<string>(), Port(4), province.Seed);
    }

    public SupervisionSimulator Sup { get; }

    public CreditPublicitySimulator Gs { get; }

    public RiskClassificationSimulator Fx { get; }

    public PenaltyCasesSimulator Cf { get; }

    public NationalPlatformSimulator Zj { get; }

    /// <summary>The secrets the simulators accept: development values, which a hub in production refuses.</summary>
    public static IReadOnlyList<string> DevelopmentSecrets { get; } =
        [SupervisionSimulator.AppSecret, CreditPublicitySimulator.Password, RiskClassificationSimulator.ApiKey, PenaltyCasesSimulator.ClientSecret, NationalPlatformSimulator.Secret];

    /// <summary>The <c>Partners:*</c> settings that point the hub's adapters at these simulators.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Partners:SUP:BaseUrl"] = Sup.BaseUrl.ToString(),
        ["Partners:SUP:AppKey"] = SupervisionSimulator.AppKey,
        ["Partners:SUP:AppSecret"] = SupervisionSimulator.AppSecret,
        ["Partners:GS:BaseUrl"] = Gs.BaseUrl.ToString(),
        ["Partners:GS:Username"] = CreditPublicitySimulator.Username,
        ["Partners:GS:Password"] = CreditPublicitySimulator.Password,
        ["Partners:FX:BaseUrl"] = Fx.BaseUrl.ToString(),
        ["Partners:FX:ApiKey"] = RiskClassificationSimulator.ApiKey,
        ["Partners:CF:BaseUrl"] = Cf.BaseUrl.ToString(),
        ["Partners:CF:ClientId"] = PenaltyCasesSimulator.ClientId,
        ["Partners:CF:ClientSecret"] = PenaltyCasesSimulator.ClientSecret,
        ["Partners:ZJ:BaseUrl"] = Zj.BaseUrl.ToString(),
        ["Partners:ZJ:AppId"] = NationalPlatformSimulator.AppId,
        ["Partners:ZJ:Secret"] = NationalPlatformSimulator.Secret,
    };

    /// <summary>Inspectors enter results through SUP's mobile app.</summary>
    public int EnterResults(IEnumerable<(InspectionResult Result, string TargetName)> results) =>
        (results ?? throw new ArgumentNullException(nameof(results))).Count(r => Sup.EnterResult(r.Result, r.TargetName));

    /// <summary>The justice department approves every plan pending review at SUP.</summary>
    public int ReviewSubmittedPlans() => Sup.ReviewPendingPlans();

    /// <summary>CF decides every case lead it holds that has no decision yet.</summary>
    public int DecideOpenCaseLeads(DateOnly today) => Cf.DecideOpenLeads(today);

    public void Dispose()
    {
        Sup.Dispose();
        Gs.Dispose();
        Fx.Dispose();
        Cf.Dispose();
        Zj.Dispose();
    }
}
