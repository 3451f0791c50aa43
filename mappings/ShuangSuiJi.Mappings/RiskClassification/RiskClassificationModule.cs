using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ShuangSuiJi.Adapters.RiskClassification;
using ShuangSuiJi.Exchange;

namespace ShuangSuiJi.Mappings.RiskClassification;

/// <summary>FX: risk grades come in (weekly full export, daily increments); result feedback goes out in batches.</summary>
public sealed class RiskClassificationModule : IPartnerModule
{
    public string Partner => FxClient.Partner;

    public string ConfigurationSection => FxOptions.SectionName;

    public IReadOnlyList<string> SecretKeys => ["ApiKey"];

    public void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.AddRiskClassificationAdapter(configuration);
        services.AddSingleton<RiskClassificationPartner>();
        services.AddSingleton<IRiskAssessmentSource>(sp => sp.GetRequiredService<RiskClassificationPartner>());
        services.AddSingleton<IResultBatchSink>(sp => sp.GetRequiredService<RiskClassificationPartner>());
    }
}
