using System.Collections;
using System.Globalization;
using System.Reflection;

namespace UnsMes.Deploy.Tests.Support;

/// <summary>
/// Checks an environment variable against the options class its configuration section binds to, the way the
/// configuration binder reads it: <c>Broker__Users__0__PasswordHash</c> is the property path
/// Users[0].PasswordHash of <see cref="UnsMes.Broker.BrokerOptions"/>; the value must convert to the property's type.
/// </summary>
internal static class OptionsKeys
{
    /// <summary>Configuration section -> options class. Add a service's options here when it joins the tree.</summary>
    public static readonly IReadOnlyDictionary<string, Type> Sections = new Dictionary<string, Type>(StringComparer.OrdinalIgnoreCase)
    {
        [UnsMes.Broker.BrokerOptions.SectionName] = typeof(UnsMes.Broker.BrokerOptions),
        [UnsMes.Oee.OeeOptions.SectionName] = typeof(UnsMes.Oee.OeeOptions),
        [UnsMes.EdgePublisher.EdgeOptions.SectionName] = typeof(UnsMes.EdgePublisher.EdgeOptions),
        [UnsMes.ServiceDefaults.Uns.UnsClientOptions.SectionName] = typeof(UnsMes.ServiceDefaults.Uns.UnsClientOptions),
        [UnsMes.Wip.WipOptions.SectionName] = typeof(UnsMes.Wip.WipOptions),
        [UnsMes.Historian.HistorianOptions.SectionName] = typeof(UnsMes.Historian.HistorianOptions),
        [UnsMes.KafkaFanout.KafkaFanoutOptions.SectionName] = typeof(UnsMes.KafkaFanout.KafkaFanoutOptions),
        [UnsMes.ErpBridge.ErpBridgeOptions.SectionName] = typeof(UnsMes.ErpBridge.ErpBridgeOptions),
        [UnsMes.Dashboard.DashboardOptions.SectionName] = typeof(UnsMes.Dashboard.DashboardOptions),
        [UnsMes.ReferenceErp.ReferenceErpOptions.SectionName] = typeof(UnsMes.ReferenceErp.ReferenceErpOptions),
    };

    /// <summary>Null when the key and value bind; else why not. Keys of sections not listed are not checked.</summary>
    public static string? Problem(string key, string value)
    {
        var path = key.Split("__");
        if (path.Length < 2 || !Sections.TryGetValue(path[0], out var type))
        {
            return null;
        }

        foreach (var segment in path.Skip(1))
        {
            if (Element(type, out var element, out var keyed))
            {
                if (!keyed && !int.TryParse(segment, CultureInfo.InvariantCulture, out _))
                {
                    return $"{key}: '{segment}' is not an index of a list";
                }

                type = element;
                continue;
            }

            var property = type.GetProperty(segment, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null)
            {
                return $"{key}: {type.Name} has no property '{segment}'";
            }

            type = property.PropertyType;
        }

        return Converts(type, value) ? null : $"{key}: '{value}' does not convert to {type.Name}";
    }

    private static bool Element(Type type, out Type element, out bool keyed)
    {
        keyed = false;
        element = type;
        if (type == typeof(string) || !typeof(IEnumerable).IsAssignableFrom(type))
        {
            return false;
        }

        if (type.IsArray)
        {
            element = type.GetElementType()!;
            return true;
        }

        var dictionary = type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>));
        if (dictionary is not null)
        {
            keyed = true;
            element = dictionary.GetGenericArguments()[1];
            return true;
        }

        var enumerable = type.GetInterfaces().Append(type).First(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
        element = enumerable.GetGenericArguments()[0];
        return true;
    }

    private static bool Converts(Type type, string value)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (target == typeof(string))
        {
            return true;
        }

        if (value.Length == 0)
        {
            return Nullable.GetUnderlyingType(type) is not null;
        }

        try
        {
            _ = System.ComponentModel.TypeDescriptor.GetConverter(target).ConvertFromInvariantString(value);
            return true;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or NotSupportedException or InvalidCastException)
        {
            return false;
        }
    }
}
