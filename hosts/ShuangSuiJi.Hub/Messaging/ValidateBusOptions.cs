using Microsoft.Extensions.Options;

namespace ShuangSuiJi.Hub.Messaging;

/// <summary>Checks the bus settings together, naming each bad key.</summary>
internal sealed class ValidateBusOptions : IValidateOptions<BusOptions>
{
    public ValidateOptionsResult Validate(string? name, BusOptions options)
    {
        var failures = new List<string>();
        if (!Enum.IsDefined(options.Transport))
        {
            failures.Add($"{BusOptions.SectionName}:Transport '{options.Transport}' is not one of {string.Join(", ", Enum.GetNames<BusTransport>())}.");
        }
        else if (options.Transport == BusTransport.RabbitMq)
        {
            if (string.IsNullOrWhiteSpace(options.RabbitMqUri))
            {
                failures.Add($"{BusOptions.SectionName}:RabbitMqUri is required when {BusOptions.SectionName}:Transport is RabbitMq.");
            }
            else if (!Uri.TryCreate(options.RabbitMqUri, UriKind.Absolute, out var uri) || uri.Scheme is not ("amqp" or "amqps" or "rabbitmq"))
            {
                failures.Add($"{BusOptions.SectionName}:RabbitMqUri '{options.RabbitMqUri}' is not an amqp:// or amqps:// address.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
