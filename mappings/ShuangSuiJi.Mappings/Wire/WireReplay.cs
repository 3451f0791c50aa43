using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ShuangSuiJi.Mappings.Wire;

/// <summary>
/// How a wire payload of one kind is sent to the partner: through the adapter's own typed client (so signing, tokens
/// and retries are the adapter's, never re-implemented), registered by <see cref="AddClient"/> from the partner's
/// configuration section.
/// </summary>
/// <param name="BasePath">The partner's base path (<c>/xzxf/api/v1/</c>), appended to a bare host address.</param>
/// <param name="AddClient">Registers the adapter (options bound from <c>Partners:&lt;P&gt;</c>) and its typed client.</param>
/// <param name="SendAsync">Sends the payload with the client and reports what the partner answered.</param>
public sealed record WireReplay(
    string BasePath,
    Action<IServiceCollection, IConfiguration> AddClient,
    Func<IServiceProvider, string, CancellationToken, Task<ReplayOutcome>> SendAsync);
