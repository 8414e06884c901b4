using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using UnsMes.KafkaFanout;
using UnsMes.KafkaFanout.Forwarding;

namespace UnsMes.Bench.Kafka;

/// <summary>
/// The reference: a plain Confluent.Kafka producer with the fan-out's producer settings, producing records of the same
/// shape (UNS path key, the same headers, the same JSON payload) as fast as it can, timed until the last delivery report.
/// </summary>
internal static class RawProducerRun
{
    /// <summary>The rate, and this process's CPU time per message (µs; the producer and the in-process mock cluster).</summary>
    public static (double PerSecond, double CpuMicros) Run(KafkaFanoutOptions options, string topic, int messages)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var keys = Enumerable.Range(0, 64).Select(k => Encoding.UTF8.GetBytes($"uns/v1/bench/s1/a1/l1/c{k % 8}/_tag/t{k / 8}")).ToArray();
        var payload = Encoding.UTF8.GetBytes("""{"v":1,"ts":1700000000000,"value":20.000,"unit":"degC","quality":"good"}""");
        using var producer = new ProducerBuilder<byte[], byte[]>(KafkaClientConfigs.Producer(options, "bench-raw")).Build();
        var done = 0;
        var finished = new ManualResetEventSlim();
        var failed = 0;
        void OnReport(DeliveryReport<byte[], byte[]> report)
        {
            if (report.Error.IsError)
            {
                Interlocked.Increment(ref failed);
            }

            if (Interlocked.Increment(ref done) == messages)
            {
                finished.Set();
            }
        }

        var watch = Stopwatch.StartNew();
        for (var n = 0; n < messages; n++)
        {
            var key = keys[n % keys.Length];
            var message = new Message<byte[], byte[]>
            {
                Key = key,
                Value = payload,
                Headers = new Headers
                {
                    { KafkaHeaderNames.UnsPath, key },
                    { KafkaHeaderNames.MqttQos, "1"u8.ToArray() },
                    { KafkaHeaderNames.MqttRetain, "false"u8.ToArray() },
                    { KafkaHeaderNames.UnsContract, "_tag"u8.ToArray() },
                },
            };
            while (true)
            {
                try
                {
                    producer.Produce(topic, message, OnReport);
                    break;
                }
                catch (ProduceException<byte[], byte[]> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
                {
                    producer.Poll(TimeSpan.FromMilliseconds(10));
                }
            }
        }

        finished.Wait();
        watch.Stop();
        if (failed > 0)
        {
            throw new InvalidOperationException($"raw producer: {failed} deliveries failed");
        }

        return (messages / watch.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / messages);
    }
}
