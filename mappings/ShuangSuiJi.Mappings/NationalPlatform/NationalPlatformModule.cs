using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ShuangSuiJi.Adapters.NationalPlatform;
using ShuangSuiJi.Exchange;

namespace ShuangSuiJi.Mappings.NationalPlatform;

/// <summary>ZJ: results go up in RESULT batches, tickets polled to the end.</summary>
public sealed class NationalPlatformModule : IPartnerModule
{
    public string Partner => ZjClient.Partner;

    public string ConfigurationSection => ZjOptions.SectionName;

    public void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.AddNationalPlatformAdapter(configuration);
        services.AddSingleton<NationalPlatformPartner>();
        services.AddSingleton<IResultBatchSink>(sp => sp.GetRequiredService<NationalPlatformPartner>());
    }
}
