using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ShuangSuiJi.Adapters.PenaltyCases;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Exchange;

namespace ShuangSuiJi.Mappings.PenaltyCases;

/// <summary>CF: case leads go out; penalty decisions come back.</summary>
public sealed class PenaltyCasesModule : IPartnerModule
{
    public string Partner => CfClient.Partner;

    public string ConfigurationSection => CfOptions.SectionName;

    public IReadOnlyList<string> SecretKeys => ["ClientSecret"];

    public void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.AddPenaltyCasesAdapter(configuration);
        services.AddSingleton<PenaltyCasesPartner>();
        services.AddSingleton<ICaseLeadSink>(sp => sp.GetRequiredService<PenaltyCasesPartner>());
        services.AddSingleton<IRecordSource<CaseDecision>>(sp => sp.GetRequiredService<PenaltyCasesPartner>());
    }
}
