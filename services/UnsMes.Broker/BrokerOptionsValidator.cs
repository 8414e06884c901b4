using Microsoft.Extensions.Options;
using UnsMes.Broker.Security;
using UnsMes.Uns.Topics;

namespace UnsMes.Broker;

/// <summary>Rules the attributes cannot express: anonymous access, password hash format, ACL filter syntax.</summary>
internal sealed class BrokerOptionsValidator(IHostEnvironment environment) : IValidateOptions<BrokerOptions>
{
    public ValidateOptionsResult Validate(string? name, BrokerOptions options)
    {
        var failures = new List<string>();
        if (options.AllowAnonymous && !environment.IsDevelopment())
        {
            failures.Add($"Broker:AllowAnonymous is only allowed in the Development environment (this is '{environment.EnvironmentName}'); configure Broker:Users instead.");
        }

        if (options.Tls.Enabled && string.IsNullOrWhiteSpace(options.Tls.CertificatePath))
        {
            failures.Add("Broker:Tls:Enabled needs Broker:Tls:CertificatePath (a .pfx file).");
        }

        if (options.MaxInFlightPerClient >= options.MaxPendingMessagesPerClient)
        {
            failures.Add($"Broker:MaxInFlightPerClient ({options.MaxInFlightPerClient}) must be below Broker:MaxPendingMessagesPerClient ({options.MaxPendingMessagesPerClient}).");
        }

        foreach (var user in options.Users)
        {
            if (!PasswordHasher.IsWellFormed(user.PasswordHash))
            {
                failures.Add($"Broker:Users '{user.Username}': PasswordHash is not a hash made by 'hash-password' ({PasswordHasher.FormatDescription}).");
            }

            failures.AddRange(FilterProblems($"Broker:Users '{user.Username}' Publish", user.Publish));
            failures.AddRange(FilterProblems($"Broker:Users '{user.Username}' Subscribe", user.Subscribe));
        }

        foreach (var duplicate in options.Users.GroupBy(u => u.Username, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            failures.Add($"Broker:Users: '{duplicate.Key}' is configured {duplicate.Count()} times.");
        }

        failures.AddRange(FilterProblems("Broker:AnonymousPublish", options.AnonymousPublish));
        failures.AddRange(FilterProblems("Broker:AnonymousSubscribe", options.AnonymousSubscribe));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static IEnumerable<string> FilterProblems(string where, IEnumerable<string> filters) =>
        filters.Select(f => (Filter: f, Problem: TopicFilter.Problem(f)))
            .Where(x => x.Problem is not null)
            .Select(x => $"{where}: {x.Problem}");
}
