using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;
using UnsMes.ErpBridge.Adapters;

namespace UnsMes.ErpBridge.Outbox;

/// <summary>
/// How one record is delivered: retries with exponential backoff and jitter around a circuit breaker around a
/// per-attempt timeout. Only "try again" failures are retried (5xx, timeout, connection refused); a rejection
/// passes straight through and is parked by the caller.
/// </summary>
internal sealed class DeliveryPipeline
{
    private readonly ResiliencePipeline _pipeline;
    private volatile string _circuit = "closed";

    public DeliveryPipeline(DeliveryOptions options, TimeProvider time, ILogger logger)
    {
        var transient = new PredicateBuilder().Handle<Exception>(IsTransient);
        _pipeline = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(options.RetryBaseDelayMs),
                MaxDelay = TimeSpan.FromMilliseconds(options.RetryMaxDelayMs),
                // An open circuit is not retried here: the outbox pauses and comes back, rather than spinning.
                ShouldHandle = new PredicateBuilder().Handle<Exception>(ex => ex is not BrokenCircuitException && IsTransient(ex)),
                OnRetry = args =>
                {
                    ErpBridgeLog.Retrying(logger, args.Context.OperationKey ?? "?", args.AttemptNumber + 1, args.Outcome.Exception?.Message ?? "?");
                    return ValueTask.CompletedTask;
                },
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = options.BreakFailureRatio,
                MinimumThroughput = options.BreakMinimumThroughput,
                SamplingDuration = TimeSpan.FromSeconds(Math.Max(1, options.BreakDurationSeconds * 2)),
                BreakDuration = TimeSpan.FromSeconds(options.BreakDurationSeconds),
                ShouldHandle = transient,
                OnOpened = _ => Report(logger, "open"),
                OnClosed = _ => Report(logger, "closed"),
                OnHalfOpened = _ => Report(logger, "half-open"),
            })
            .AddTimeout(TimeSpan.FromMilliseconds(options.AttemptTimeoutMs))
            .Build();
    }

    /// <summary>closed, open or half-open: the ERP's state as the bridge sees it.</summary>
    public string Circuit => _circuit;

    public async Task<T> ExecuteAsync<T>(string key, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(key, cancellationToken);
        try
        {
            return await _pipeline.ExecuteAsync(async ctx => await call(ctx.CancellationToken), context);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>Failures that may pass: the ERP's 5xx, a timeout, a refused or broken connection.</summary>
    public static bool IsTransient(Exception ex) =>
        ex is ErpUnavailableException or HttpRequestException or TimeoutRejectedException or IOException or System.Net.Sockets.SocketException
            or System.Text.Json.JsonException
            || (ex is TaskCanceledException { InnerException: TimeoutException });

    private ValueTask Report(ILogger logger, string state)
    {
        _circuit = state;
        ErpBridgeLog.Circuit(logger, state);
        return ValueTask.CompletedTask;
    }
}
