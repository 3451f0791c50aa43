using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ShuangSuiJi.Exchange;

/// <summary>
/// A partner's plug-in: registers its adapter (client, options, signing) and the canonical sources and sinks its
/// mapping offers. Hosts discover every module in the mapping assemblies and register those whose configuration
/// section names a base address, so a new partner needs no change outside its own adapter, mapping and configuration.
/// </summary>
public interface IPartnerModule
{
    /// <summary>The partner's short name, as routes and the exchange log name it.</summary>
    string Partner { get; }

    /// <summary>The configuration section of its adapter; the module is registered when the section's <c>BaseUrl</c> is set.</summary>
    string ConfigurationSection { get; }

    /// <summary>
    /// The keys inside <see cref="ConfigurationSection"/> that hold secrets (passwords, signing keys, API keys): read
    /// from the environment or a secret store only, and refused in production when missing or a known default.
    /// </summary>
    IReadOnlyList<string> SecretKeys => [];

    void Register(IServiceCollection services, IConfiguration configuration);
}

/// <summary>Finds and registers partner modules.</summary>
public static class PartnerModules
{
    /// <summary>Every <see cref="IPartnerModule"/> with a public parameterless constructor in <paramref name="assemblies"/>.</summary>
    public static IReadOnlyList<IPartnerModule> Discover(params System.Reflection.Assembly[] assemblies) =>
        [.. assemblies.Distinct().SelectMany(a => a.GetExportedTypes())
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IPartnerModule).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => (IPartnerModule)Activator.CreateInstance(t)!)
            .OrderBy(m => m.Partner, StringComparer.Ordinal)];

    /// <summary>Registers the modules whose section's <c>BaseUrl</c> is set; returns their names.</summary>
    public static IReadOnlyList<string> AddConfiguredPartners(this IServiceCollection services, IConfiguration configuration, IEnumerable<IPartnerModule> modules)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(modules);
        var added = new List<string>();
        foreach (var module in modules)
        {
            if (IsConfigured(module, configuration))
            {
                module.Register(services, configuration);
                added.Add(module.Partner);
            }
        }

        return added;
    }

    public static bool IsConfigured(IPartnerModule module, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(configuration);
        return !string.IsNullOrWhiteSpace(configuration.GetSection(module.ConfigurationSection)["BaseUrl"]);
    }

    /// <summary>Loads the named assemblies (by simple name) and discovers their modules.</summary>
    /// <exception cref="System.IO.FileNotFoundException">An assembly is not beside the host.</exception>
    public static IReadOnlyList<IPartnerModule> Load(IEnumerable<string> assemblyNames) =>
        Discover([.. assemblyNames.Select(n => System.Reflection.Assembly.Load(new System.Reflection.AssemblyName(n)))]);
}
