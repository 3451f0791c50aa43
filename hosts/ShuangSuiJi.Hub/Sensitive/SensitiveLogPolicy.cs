using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Compliance.Redaction;
using Serilog.Core;
using Serilog.Events;
using ShuangSuiJi.Core.Codes;

namespace ShuangSuiJi.Hub.Sensitive;

/// <summary>
/// Serilog's side of the masking. A destructuring policy turns <see cref="IdNumber"/> and <see cref="PhoneNumber"/>
/// into their redacted text, so <c>{@Inspector}</c> never shows them whole; an enricher is the safety net for
/// numbers that arrive as plain strings (a partner's message, a request path): every string property that looks
/// like an 18-character ID number or an 11-digit mobile number is masked before any sink renders it.
/// </summary>
internal sealed class SensitiveLogPolicy(IRedactorProvider redactors) : IDestructuringPolicy, ILogEventEnricher
{
    private readonly Redactor _idNumbers = redactors.GetRedactor(SensitiveData.IdNumber);
    private readonly Redactor _phones = redactors.GetRedactor(SensitiveData.Phone);

    public bool TryDestructure(object value, ILogEventPropertyValueFactory propertyValueFactory, [NotNullWhen(true)] out LogEventPropertyValue? result)
    {
        result = value switch
        {
            IdNumber id => new ScalarValue(_idNumbers.Redact(id.Value)),
            PhoneNumber phone => new ScalarValue(_phones.Redact(phone.Value)),
            _ => null,
        };
        return result is not null;
    }

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        List<LogEventProperty>? masked = null;
        foreach (var (name, value) in logEvent.Properties)
        {
            if (Mask(value) is { } replacement)
            {
                (masked ??= []).Add(new LogEventProperty(name, replacement));
            }
        }

        foreach (var property in masked ?? [])
        {
            logEvent.AddOrUpdateProperty(property);
        }
    }

    /// <summary>The value with its sensitive strings masked, or <see langword="null"/> when nothing needed masking.</summary>
    private static LogEventPropertyValue? Mask(LogEventPropertyValue value)
    {
        switch (value)
        {
            case ScalarValue { Value: string text } when SensitiveText.Contains(text):
                return new ScalarValue(SensitiveText.Mask(text));
            case ScalarValue { Value: IdNumber or PhoneNumber } scalar:
                return new ScalarValue(scalar.Value.ToString());
            case SequenceValue sequence:
                var elements = sequence.Elements.Select(e => Mask(e)).ToList();
                return elements.Any(e => e is not null) ? new SequenceValue(elements.Select((e, i) => e ?? sequence.Elements[i])) : null;
            case StructureValue structure:
                var properties = structure.Properties.Select(p => Mask(p.Value)).ToList();
                return properties.Any(p => p is not null)
                    ? new StructureValue(structure.Properties.Select((p, i) => properties[i] is { } m ? new LogEventProperty(p.Name, m) : p), structure.TypeTag)
                    : null;
            case DictionaryValue dictionary:
                var entries = dictionary.Elements.Select(e => (e.Key, Value: Mask(e.Value) ?? e.Value, Changed: Mask(e.Value) is not null)).ToList();
                return entries.Any(e => e.Changed) ? new DictionaryValue(entries.Select(e => new KeyValuePair<ScalarValue, LogEventPropertyValue>(e.Key, e.Value))) : null;
            default:
                return null;
        }
    }
}
