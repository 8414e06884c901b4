using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using UnsMes.Uns.Topics;

namespace UnsMes.Broker.Security;

/// <summary>
/// Who may connect, publish where and subscribe to what. Accounts and their topic filters come from configuration;
/// anonymous clients get the anonymous filters only when the (development-only) setting allows them.
/// </summary>
internal sealed class AccessControl
{
    /// <summary>The name anonymous clients are known by in logs and dead letters.</summary>
    public const string Anonymous = "(anonymous)";

    private const int MaxCachedDecisions = 100_000;

    private readonly BrokerOptions _options;
    private readonly Dictionary<string, Account> _accounts;
    private readonly Account _anonymous;

    // PBKDF2 is slow on purpose; a reconnecting client should not pay for it every time.
    private readonly ConcurrentDictionary<string, byte[]> _verified = new(StringComparer.Ordinal);

    public AccessControl(IOptions<BrokerOptions> options)
    {
        _options = options.Value;
        _accounts = _options.Users.ToDictionary(u => u.Username, u => new Account(u.Publish, u.Subscribe, u.PasswordHash), StringComparer.Ordinal);
        _anonymous = new Account(_options.AnonymousPublish, _options.AnonymousSubscribe, null);
    }

    /// <summary>Returns null when the credentials are accepted, else the reason for refusing them.</summary>
    public string? CheckCredentials(string? username, string? password)
    {
        if (string.IsNullOrEmpty(username))
        {
            return _options.AllowAnonymous ? null : "this broker requires a user name and password";
        }

        if (!_accounts.TryGetValue(username, out var account) || password is null)
        {
            return "unknown user name or wrong password";
        }

        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(password));
        if (_verified.TryGetValue(username, out var known) && CryptographicOperations.FixedTimeEquals(known, digest))
        {
            return null;
        }

        if (!PasswordHasher.Verify(password, account.PasswordHash!))
        {
            return "unknown user name or wrong password";
        }

        _verified[username] = digest;
        return null;
    }

    public bool MayPublish(string? username, string topic)
    {
        if (topic.StartsWith('$'))
        {
            return false;
        }

        var account = AccountOf(username);
        return account is not null && account.MayPublish(topic);
    }

    public bool MaySubscribe(string? username, string filter)
    {
        var account = AccountOf(username);
        var plain = TopicFilter.WithoutSharePrefix(filter);
        return account is not null && account.Subscribe.Any(allowed => TopicFilter.Covers(allowed, plain));
    }

    private Account? AccountOf(string? username) =>
        string.IsNullOrEmpty(username)
            ? (_options.AllowAnonymous ? _anonymous : null)
            : _accounts.GetValueOrDefault(username);

    private sealed class Account(List<string> publish, List<string> subscribe, string? passwordHash)
    {
        // Topics repeat (every tag, every machine); the cache keeps the filter scan off the hot path.
        private readonly TopicCache<bool> _publishDecisions = new(MaxCachedDecisions);

        public string? PasswordHash { get; } = passwordHash;

        public List<string> Subscribe { get; } = subscribe;

        public bool MayPublish(string topic) =>
            _publishDecisions.GetOrAdd(topic, static (t, filters) => filters.Any(filter => TopicFilter.Matches(filter, t)), publish);
    }
}
