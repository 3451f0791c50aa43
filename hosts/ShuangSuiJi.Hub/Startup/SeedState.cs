namespace ShuangSuiJi.Hub.Startup;

/// <summary>Where loading the generated province stands; read by the readiness check.</summary>
internal sealed class SeedState
{
    private volatile string _status = "pending";
    private volatile bool _done;
    private volatile string? _error;

    public bool Done => _done;

    public string Status => _status;

    public string? Error => _error;

    public void Report(string status) => _status = status;

    public void Complete(string status)
    {
        _status = status;
        _done = true;
    }

    public void Fail(string error)
    {
        _error = error;
        _done = true;
    }
}
