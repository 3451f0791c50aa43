using System.Net;
using System.Text;
using Newtonsoft.Json.Linq;
using WireMock;
using WireMock.Types;
using WireMock.Util;

namespace ShuangSuiJi.Simulators;

/// <summary>WireMock response messages the simulators answer with.</summary>
internal static class SimulatorResponses
{
    /// <summary>A WireMock server on loopback: on <paramref name="port"/>, or on a free port when 0.</summary>
    public static WireMock.Server.WireMockServer StartServer(int port)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        return WireMock.Server.WireMockServer.Start(new WireMock.Settings.WireMockServerSettings
        {
            Urls = [$"http://127.0.0.1:{port.ToString(System.Globalization.CultureInfo.InvariantCulture)}"],
            StartAdminInterface = false,
        });
    }

    public static ResponseMessage Json(HttpStatusCode status, JToken body) => Text(status, body.ToString(Newtonsoft.Json.Formatting.None), "application/json; charset=utf-8");

    public static ResponseMessage Text(HttpStatusCode status, string body, string contentType)
    {
        var response = new ResponseMessage
        {
            StatusCode = (int)status,
            BodyData = new BodyData { BodyAsString = body, DetectedBodyType = BodyType.String, Encoding = Encoding.UTF8 },
        };
        response.AddHeader("Content-Type", contentType);
        return response;
    }

    public static ResponseMessage Bytes(HttpStatusCode status, byte[] body, string contentType)
    {
        var response = new ResponseMessage
        {
            StatusCode = (int)status,
            BodyData = new BodyData { BodyAsBytes = body, DetectedBodyType = BodyType.Bytes },
        };
        response.AddHeader("Content-Type", contentType);
        return response;
    }
}
