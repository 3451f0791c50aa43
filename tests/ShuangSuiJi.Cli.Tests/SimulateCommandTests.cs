using System.Net;
using System.Net.Sockets;

namespace ShuangSuiJi.Cli.Tests;

/// <summary><c>ssj simulate</c>: the five simulators as a standalone host on chosen loopback ports.</summary>
public sealed class SimulateCommandTests
{
    [Fact]
    public async Task Simulate_OnABasePort_ServesTheFiveOnConsecutivePorts_AndPrintsTheHubSettings()
    {
        var basePort = FreeRun(5);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var run = Ssj.RunAsync(stop.Token, "simulate", "--targets", "200", "--base-port", basePort.ToString(System.Globalization.CultureInfo.InvariantCulture));

        using var http = new HttpClient();
        var started = TimeProvider.System.GetTimestamp();
        HttpStatusCode? answer = null;
        while (answer is null && TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(60))
        {
            try
            {
                // GS's token endpoint answers anything: the simulator is up.
                using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{basePort + 1}/gsxt/dsj/entities"), TestContext.Current.CancellationToken);
                answer = response.StatusCode;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(200, TestContext.Current.CancellationToken);
            }
        }

        await stop.CancelAsync();
        var (exit, output, _) = await run;

        Assert.Equal(HttpStatusCode.Unauthorized, answer); // no bearer token: refused as GS's contract says
        Assert.Equal(0, exit);
        for (var i = 0; i < 5; i++)
        {
            Assert.Contains($":{basePort + i}/", output, StringComparison.Ordinal);
        }

        Assert.Contains("--Partners:ZJ:BaseUrl=", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simulate_WithAPrivilegedBasePort_IsAUsageError() =>
        Assert.Equal(2, (await Ssj.RunAsync("simulate", "--base-port", "80")).Exit);

    /// <summary>A port with the next <paramref name="count"/> - 1 free as well (best effort: probed, then released).</summary>
    private static int FreeRun(int count)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            using var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var first = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            if (first + count > 65530)
            {
                continue;
            }

            var listeners = new List<TcpListener>();
            try
            {
                for (var i = 0; i < count; i++)
                {
                    var l = new TcpListener(IPAddress.Loopback, first + i);
                    l.Start();
                    listeners.Add(l);
                }

                return first;
            }
            catch (SocketException)
            {
                // taken: try another run
            }
            finally
            {
                listeners.ForEach(l => l.Stop());
            }
        }

        throw new InvalidOperationException("No run of free loopback ports found.");
    }
}
