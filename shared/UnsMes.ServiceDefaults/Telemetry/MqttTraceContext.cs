using System.Diagnostics;
using MQTTnet;
using MQTTnet.Packets;

namespace UnsMes.ServiceDefaults.Telemetry;

/// <summary>
/// Carries W3C trace context (<c>traceparent</c>, <c>tracestate</c>) in MQTT 5 user properties, so one trace follows a
/// value from its publisher through every service that reacts to it.
/// </summary>
public static class MqttTraceContext
{
    public static void Inject(Activity? activity, MqttApplicationMessage message)
    {
        if (activity is null)
        {
            return;
        }

        message.UserProperties ??= [];
        DistributedContextPropagator.Current.Inject(activity, message.UserProperties, static (carrier, key, value) =>
        {
            if (carrier is List<MqttUserProperty> properties && value is not null)
            {
                properties.Add(new MqttUserProperty(key, System.Text.Encoding.UTF8.GetBytes(value)));
            }
        });
    }

    public static ActivityContext Extract(MqttApplicationMessage message)
    {
        if (message.UserProperties is not { Count: > 0 })
        {
            return default;
        }

        DistributedContextPropagator.Current.ExtractTraceIdAndState(
            message.UserProperties,
            static (object? carrier, string name, out string? value, out IEnumerable<string>? values) =>
            {
                values = null;
                value = (carrier as List<MqttUserProperty>)?.FirstOrDefault(p => p.Name == name)?.ReadValueAsString();
            },
            out var traceParent,
            out var traceState);

        return ActivityContext.TryParse(traceParent, traceState, out var context) ? context : default;
    }
}
