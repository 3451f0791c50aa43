using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ShuangSuiJi.Adapters.CreditPublicity;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Exchange;

namespace ShuangSuiJi.Mappings.CreditPublicity;

/// <summary>GS: the target directory and its copy of the roster come in; notices and draws go out, notices are withdrawn.</summary>
public sealed class CreditPublicityModule : IPartnerModule
{
    public string Partner => GsXml.Partner;

    public string ConfigurationSection => GsOptions.SectionName;

    public IReadOnlyList<string> SecretKeys => ["Password"];

    public void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.AddCreditPublicityAdapter(configuration);
        services.AddSingleton<ITargetSource, CreditPublicityTargetSource>();
        services.AddSingleton<IRecordSource<Inspector>, CreditPublicityInspectorSource>();
        services.AddSingleton<CreditPublicityPublisher>();
        services.AddSingleton<IResultSink>(sp => sp.GetRequiredService<CreditPublicityPublisher>());
        services.AddSingleton<IDrawSink>(sp => sp.GetRequiredService<CreditPublicityPublisher>());
        services.AddSingleton<IPublicityWithdrawalSink>(sp => sp.GetRequiredService<CreditPublicityPublisher>());
    }
}
