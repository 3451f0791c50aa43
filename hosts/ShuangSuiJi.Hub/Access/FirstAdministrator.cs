namespace ShuangSuiJi.Hub.Access;

/// <summary>Creates the first administrator once the store is migrated (registered after <c>StoreInitializer</c>; hosted services start in order).</summary>
internal sealed class FirstAdministrator(AccountService accounts) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => accounts.EnsureFirstAdministratorAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
