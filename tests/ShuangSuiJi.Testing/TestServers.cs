using Xunit;

namespace ShuangSuiJi.Testing;

/// <summary>
/// The real servers the test command starts on loopback (eng/test.sh), found through environment variables.
/// Where a server is absent the test is skipped, unless <c>SSJ_TEST_REQUIRE_SERVERS=1</c> (set by the test
/// command) or <c>CI=true</c>, where it fails: CI must never pass by skipping.
/// </summary>
public static class TestServers
{
    public const string PostgresVariable = "SSJ_TEST_POSTGRES";
    public const string RabbitMqVariable = "SSJ_TEST_RABBITMQ";

    /// <summary>The PostgreSQL admin connection string; skips or fails the test when none is configured.</summary>
    public static string RequirePostgres() => Require(PostgresVariable, "PostgreSQL");

    /// <summary>The RabbitMQ address; skips or fails the test when none is configured.</summary>
    public static string RequireRabbitMq() => Require(RabbitMqVariable, "RabbitMQ");

    private static string Require(string variable, string server)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        if (!string.IsNullOrWhiteSpace(value))
        {
            return value;
        }

        var mustHave = Environment.GetEnvironmentVariable("SSJ_TEST_REQUIRE_SERVERS") == "1"
            || string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (mustHave)
        {
            Assert.Fail($"{variable} is not set, but a real {server} is required here. Run the tests through eng/test.sh, which starts one.");
        }

        Assert.Skip($"{variable} is not set: no {server} to test against (eng/test.sh starts one).");
        return "";
    }
}
