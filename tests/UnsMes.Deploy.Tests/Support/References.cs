namespace UnsMes.Deploy.Tests.Support;

/// <summary>The Secrets and ConfigMaps a rendered overlay refers to, and what its environment variables resolve to.</summary>
internal static class References
{
    public sealed record Reference(string Kind, string Name, string? Key, bool Optional, string From);

    public static IEnumerable<Reference> Of(Rendered rendered)
    {
        foreach (var workload in rendered.Workloads)
        {
            foreach (var container in workload.Containers.Concat(workload.PodSpec["initContainers"].Items))
            {
                var from = $"{workload} container {container["name"].Text}";
                foreach (var source in container["envFrom"].Items)
                {
                    if (source["secretRef"].Exists)
                    {
                        yield return new("Secret", source["secretRef"]["name"].Text!, null, IsTrue(source["secretRef"]["optional"]), from);
                    }

                    if (source["configMapRef"].Exists)
                    {
                        yield return new("ConfigMap", source["configMapRef"]["name"].Text!, null, IsTrue(source["configMapRef"]["optional"]), from);
                    }
                }

                foreach (var variable in container["env"].Items)
                {
                    var secret = variable["valueFrom"]["secretKeyRef"];
                    if (secret.Exists)
                    {
                        yield return new("Secret", secret["name"].Text!, secret["key"].Text, IsTrue(secret["optional"]), from);
                    }

                    var map = variable["valueFrom"]["configMapKeyRef"];
                    if (map.Exists)
                    {
                        yield return new("ConfigMap", map["name"].Text!, map["key"].Text, IsTrue(map["optional"]), from);
                    }
                }
            }

            foreach (var volume in workload.PodSpec["volumes"].Items)
            {
                if (volume["secret"].Exists)
                {
                    yield return new("Secret", volume["secret"]["secretName"].Text!, null, IsTrue(volume["secret"]["optional"]), $"{workload} volume {volume["name"].Text}");
                }

                if (volume["configMap"].Exists)
                {
                    yield return new("ConfigMap", volume["configMap"]["name"].Text!, null, IsTrue(volume["configMap"]["optional"]), $"{workload} volume {volume["name"].Text}");
                }
            }
        }

        foreach (var certificate in rendered.OfKind("Certificate"))
        {
            var password = certificate["spec"]["keystores"]["pkcs12"]["passwordSecretRef"];
            if (password.Exists)
            {
                yield return new("Secret", password["name"].Text!, password["key"].Text, false, $"Certificate/{certificate["metadata"]["name"].Text}");
            }
        }

        // Dapr resources without their own secret store read Kubernetes Secrets of the namespace.
        foreach (var resource in rendered.OfKind("Component").Concat(rendered.OfKind("HTTPEndpoint")))
        {
            if (resource["auth"]["secretStore"].Exists)
            {
                continue;
            }

            var entries = resource["spec"]["metadata"].Items.Concat(resource["spec"]["headers"].Items);
            foreach (var secret in entries.Select(e => e["secretKeyRef"]).Where(s => s.Exists))
            {
                yield return new("Secret", secret["name"].Text!, secret["key"].Text, false, $"{resource["kind"].Text}/{resource["metadata"]["name"].Text}");
            }
        }
    }

    /// <summary>Secret names with their keys, including those cert-manager writes for a Certificate.</summary>
    public static Dictionary<string, HashSet<string>?> Secrets(Rendered rendered)
    {
        var secrets = rendered.OfKind("Secret").ToDictionary(
            s => s["metadata"]["name"].Text!,
            s => (HashSet<string>?)[.. s["data"].Entries.Concat(s["stringData"].Entries).Select(e => e.Key)]);
        foreach (var certificate in rendered.OfKind("Certificate"))
        {
            secrets[certificate["spec"]["secretName"].Text!] = null; // keys written by cert-manager
        }

        return secrets;
    }

    public static Dictionary<string, HashSet<string>> ConfigMaps(Rendered rendered) =>
        rendered.OfKind("ConfigMap").ToDictionary(
            c => c["metadata"]["name"].Text!,
            c => new HashSet<string>(c["data"].Entries.Select(e => e.Key)));

    /// <summary>The workload's first container's environment: its ConfigMaps' values, then its literal variables.</summary>
    public static Dictionary<string, string> Environment(Rendered rendered, Workload workload)
    {
        var maps = rendered.OfKind("ConfigMap").ToDictionary(c => c["metadata"]["name"].Text!, c => c["data"]);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        var container = workload.Containers.First();
        foreach (var source in container["envFrom"].Items.Where(s => s["configMapRef"].Exists))
        {
            foreach (var (key, value) in maps[source["configMapRef"]["name"].Text!].Entries)
            {
                environment[key] = value.Text ?? "";
            }
        }

        foreach (var variable in container["env"].Items.Where(v => v["value"].Exists))
        {
            environment[variable["name"].Text!] = variable["value"].Text!;
        }

        return environment;
    }

    private static bool IsTrue(Yaml value) => string.Equals(value.Text, "true", StringComparison.OrdinalIgnoreCase);
}
