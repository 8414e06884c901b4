using System.Runtime.InteropServices;
using UnsMes.Bench;

if (args is ["edge", .. var edgeArgs])
{
    using var edgeCancel = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) =>
    {
        e.Cancel = true;
        edgeCancel.Cancel();
    };
    return await UnsMes.Bench.Edge.EdgeBench.RunAsync(edgeArgs, edgeCancel.Token);
}

if (args is ["oee-latency", .. var latencyArgs])
{
    return await UnsMes.Bench.Oee.OeeLatencyBench.RunAsync(latencyArgs, CancellationToken.None);
}

if (args is ["wip"])
{
    return await UnsMes.Bench.Wip.WipBench.RunAsync();
}

if (args is ["dashboard", .. var dashboardArgs])
{
    return await UnsMes.Bench.Dashboard.DashboardFanOutBench.RunAsync(dashboardArgs, CancellationToken.None);
}

if (args is ["erp", .. var erpArgs])
{
    return await UnsMes.Bench.Erp.ErpBench.RunAsync(erpArgs);
}

if (args is ["historian", .. var historianArgs])
{
    return await UnsMes.Bench.Historian.HistorianBench.RunAsync(historianArgs, CancellationToken.None);
}

if (args is ["kafka", .. var kafkaArgs])
{
    return await UnsMes.Bench.Kafka.KafkaBench.RunAsync(kafkaArgs, CancellationToken.None);
}

if (args is ["oee", .. var oeeArgs])
{
    return await UnsMes.Bench.Oee.OeeBench.RunAsync(oeeArgs);
}

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException ex)
{
    await Console.Error.WriteLineAsync($"{ex.Message}{Environment.NewLine}{Environment.NewLine}{BenchOptions.Usage}");
    return 2;
}

if (options.ShowHelp)
{
    await Console.Out.WriteLineAsync(BenchOptions.Usage);
    return 0;
}

// Ctrl+C or SIGTERM cancels the run; the brokers it started are still stopped on the way out.
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
{
    signal.Cancel = true;
    cancel.Cancel();
});

try
{
    return await BenchRun.RunAsync(options, cancel.Token);
}
catch (OperationCanceledException) when (cancel.IsCancellationRequested)
{
    await Console.Error.WriteLineAsync("cancelled; every broker started was stopped");
    return 130;
}
