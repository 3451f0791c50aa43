using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace ShuangSuiJi.Adapters.Supervision;

/// <summary>A SUP answer read as a stream: the envelope's code and message, the page's counts, and its records as the caller's reader made them.</summary>
/// <param name="RetryAfterSeconds"><c>data.retryAfterSeconds</c> (maintenance, code 5001), when sent.</param>
public sealed record SupEnvelope<T>(string Code, string Message, int? RetryAfterSeconds, long? Total, int? PageNo, int? PageSize, IReadOnlyList<T> List);

/// <summary>
/// Reads <c>{"code","msg","data":{"total","pageNo","pageSize","list":[…]}}</c> token by token, handing each record of
/// <c>list</c> to the caller's reader, so a page never becomes a JSON DOM. Values are read exactly as a
/// <see cref="JObject"/> would hold them (the same reader settings; anything but a string is converted as a
/// <see cref="JToken"/> is), so a record reads the same either way.
/// </summary>
public static class SupPageReader
{
    /// <param name="text">The whole answer.</param>
    /// <param name="readRecord">
    /// Reads one record: called with the reader on the record's <see cref="JsonToken.StartObject"/> and the page; must leave the reader on the matching <see cref="JsonToken.EndObject"/>. Elements of <c>list</c> that are
    /// not objects are skipped, as the DOM path skips them.
    /// </param>
    /// <exception cref="JsonReaderException">The answer is not JSON, not an object, or <c>data</c> of a success is not an object.</exception>
    public static SupEnvelope<T> Read<T>(string text, Func<JsonTextReader, SupPageText, T> readRecord)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(readRecord);
        var page = new SupPageText(text);
        using var reader = new JsonTextReader(new StringReader(text));
        if (!Next(reader) || reader.TokenType != JsonToken.StartObject)
        {
            throw new JsonReaderException("the answer is not a JSON object");
        }

        string? code = null, message = null;
        int? retryAfter = null, pageNo = null, pageSize = null;
        long? total = null;
        var list = new List<T>();
        var dataIsObject = false;
        while (Next(reader) && reader.TokenType == JsonToken.PropertyName)
        {
            var name = (string)reader.Value!; // a property name token always carries its name
            Next(reader);
            switch (name)
            {
                case "code":
                    code = (string?)JToken.ReadFrom(reader);
                    break;
                case "msg":
                    message = (string?)JToken.ReadFrom(reader);
                    break;
                case "data" when reader.TokenType == JsonToken.StartObject:
                    dataIsObject = true;
                    list.Clear();
                    (total, pageNo, pageSize, retryAfter) = (null, null, null, null);
                    while (Next(reader) && reader.TokenType == JsonToken.PropertyName)
                    {
                        var field = (string)reader.Value!; // as above
                        Next(reader);
                        switch (field)
                        {
                            case "total":
                                total = (long?)JToken.ReadFrom(reader);
                                break;
                            case "pageNo":
                                pageNo = (int?)JToken.ReadFrom(reader);
                                break;
                            case "pageSize":
                                pageSize = (int?)JToken.ReadFrom(reader);
                                break;
                            case "retryAfterSeconds":
                                retryAfter = (int?)JToken.ReadFrom(reader);
                                break;
                            case "list" when reader.TokenType == JsonToken.StartArray:
                                list.Clear();
                                while (Next(reader) && reader.TokenType != JsonToken.EndArray)
                                {
                                    if (reader.TokenType == JsonToken.StartObject)
                                    {
                                        list.Add(readRecord(reader, page));
                                    }
                                    else
                                    {
                                        reader.Skip();
                                    }
                                }

                                Expect(reader, JsonToken.EndArray);
                                break;
                            default:
                                reader.Skip();
                                break;
                        }
                    }

                    Expect(reader, JsonToken.EndObject);
                    break;
                case "data":
                    dataIsObject = false;
                    reader.Skip();
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        Expect(reader, JsonToken.EndObject);
        if (Next(reader))
        {
            throw new JsonReaderException("additional text after the JSON answer");
        }

        if (code == "0000" && !dataIsObject)
        {
            throw new JsonReaderException("the answer's data is not an object");
        }

        return new SupEnvelope<T>(code ?? "", message ?? "", retryAfter, total, pageNo, pageSize, list);
    }

    /// <summary>Throws unless the reader stands on <paramref name="token"/>: the end of what it read (a cut answer ends early).</summary>
    /// <exception cref="JsonReaderException">The answer ended before the object or array did.</exception>
    public static void Expect(JsonReader reader, JsonToken token)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (reader.TokenType != token)
        {
            throw new JsonReaderException($"the answer ends early: expected {token}, found {reader.TokenType}");
        }
    }

    /// <summary>The next token that is not a comment (a DOM drops comments too).</summary>
    public static bool Next(JsonReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        while (reader.Read())
        {
            if (reader.TokenType != JsonToken.Comment)
            {
                return true;
            }
        }

        return false;
    }
}
