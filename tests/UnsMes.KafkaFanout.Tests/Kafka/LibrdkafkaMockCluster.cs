using System.Runtime.InteropServices;
using System.Text;

namespace UnsMes.KafkaFanout.Tests.Kafka;

/// <summary>
/// librdkafka's own mock Kafka cluster, started inside this process through the very librdkafka that Confluent.Kafka
/// loaded. It is not a fake of our code: it listens on loopback ports and speaks the Kafka wire protocol, so producers,
/// consumer groups and other processes (kcat) talk to it as to a broker. Its limits: no CreateTopics (topics are
/// created here through its API), admin calls need a controller id, and ListConsumerGroups aborts the process.
/// The cluster lives inside an <c>rd_kafka_t</c> handle that this class creates and keeps until it is disposed.
/// </summary>
public sealed class LibrdkafkaMockCluster : IDisposable
{
    private static readonly Lazy<Api> Native = new(Api.Load);

    private readonly IntPtr _handle;
    private IntPtr _cluster;

    private LibrdkafkaMockCluster(IntPtr handle, IntPtr cluster, int brokers)
    {
        _handle = handle;
        _cluster = cluster;
        Brokers = brokers;
        BootstrapServers = Marshal.PtrToStringUTF8(Native.Value.Bootstraps(cluster)) ?? throw new InvalidOperationException("the mock cluster has no bootstrap address");
        Native.Value.SetControllerId(cluster, 1);
    }

    /// <summary>The file Confluent.Kafka loaded librdkafka from (the mock API is resolved against it).</summary>
    public static string LibraryPath => Native.Value.Path;

    public string BootstrapServers { get; }

    public int Brokers { get; }

    public static LibrdkafkaMockCluster Start(int brokers = 3)
    {
        var api = Native.Value;
        var conf = api.ConfNew();
        var error = new byte[512];
        api.ConfSet(conf, "log_level", "2", error, error.Length);
        var handle = api.New(0, conf, error, error.Length);
        if (handle == IntPtr.Zero)
        {
            throw new InvalidOperationException($"rd_kafka_new failed: {Encoding.UTF8.GetString(error).TrimEnd('\0')}");
        }

        var cluster = api.ClusterNew(handle, brokers);
        if (cluster == IntPtr.Zero)
        {
            api.Destroy(handle);
            throw new InvalidOperationException("rd_kafka_mock_cluster_new failed");
        }

        return new LibrdkafkaMockCluster(handle, cluster, brokers);
    }

    public void CreateTopic(string topic, int partitions, int replicationFactor = 1) =>
        Check(Native.Value.TopicCreate(_cluster, topic, partitions, replicationFactor), $"create topic {topic}");

    /// <summary>Every request about this topic fails with the given Kafka error code (0 clears it).</summary>
    public void SetTopicError(string topic, int kafkaErrorCode) => Native.Value.TopicSetError(_cluster, topic, kafkaErrorCode);

    /// <summary>Closes the brokers' connections and refuses new ones: Kafka is unreachable.</summary>
    public void SetAllBrokersDown()
    {
        for (var id = 1; id <= Brokers; id++)
        {
            Check(Native.Value.BrokerSetDown(_cluster, id), $"set broker {id} down");
        }
    }

    public void SetAllBrokersUp()
    {
        for (var id = 1; id <= Brokers; id++)
        {
            Check(Native.Value.BrokerSetUp(_cluster, id), $"set broker {id} up");
        }
    }

    /// <summary>Adds a round-trip delay to every broker's responses (messages stay in flight that long).</summary>
    public void SetRoundTrip(TimeSpan rtt)
    {
        for (var id = 1; id <= Brokers; id++)
        {
            Check(Native.Value.BrokerSetRtt(_cluster, id, (int)rtt.TotalMilliseconds), $"set broker {id} rtt");
        }
    }

    public void Dispose()
    {
        if (_cluster != IntPtr.Zero)
        {
            Native.Value.ClusterDestroy(_cluster);
            Native.Value.Destroy(_handle);
            _cluster = IntPtr.Zero;
        }
    }

    private static void Check(int error, string what)
    {
        if (error != 0)
        {
            throw new InvalidOperationException($"mock cluster: {what} failed with Kafka error {error}");
        }
    }

    /// <summary>The librdkafka C functions, resolved in the library file Confluent.Kafka actually loaded.</summary>
    private sealed class Api
    {
        public required string Path { get; init; }
        public required ConfNewFn ConfNew { get; init; }
        public required ConfSetFn ConfSet { get; init; }
        public required NewFn New { get; init; }
        public required DestroyFn Destroy { get; init; }
        public required ClusterNewFn ClusterNew { get; init; }
        public required DestroyFn ClusterDestroy { get; init; }
        public required BootstrapsFn Bootstraps { get; init; }
        public required TopicCreateFn TopicCreate { get; init; }
        public required TopicSetErrorFn TopicSetError { get; init; }
        public required BrokerFn BrokerSetDown { get; init; }
        public required BrokerFn BrokerSetUp { get; init; }
        public required BrokerRttFn BrokerSetRtt { get; init; }
        public required SetControllerIdFn SetControllerId { get; init; }

        public static Api Load()
        {
            // Asking for the version makes Confluent.Kafka load librdkafka (falling back between the files it ships);
            // the file that ended up mapped into this process is the one whose mock cluster we must use.
            _ = Confluent.Kafka.Library.Version;
            var path = File.ReadLines("/proc/self/maps")
                .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Where(parts => parts.Length >= 6 && parts[5].Contains("librdkafka", StringComparison.Ordinal))
                .Select(parts => parts[5])
                .FirstOrDefault() ?? throw new InvalidOperationException("librdkafka is not loaded in this process");
            var library = NativeLibrary.Load(path);
            T Fn<T>(string name)
                where T : Delegate => Marshal.GetDelegateForFunctionPointer<T>(NativeLibrary.GetExport(library, name));
            return new Api
            {
                Path = path,
                ConfNew = Fn<ConfNewFn>("rd_kafka_conf_new"),
                ConfSet = Fn<ConfSetFn>("rd_kafka_conf_set"),
                New = Fn<NewFn>("rd_kafka_new"),
                Destroy = Fn<DestroyFn>("rd_kafka_destroy"),
                ClusterNew = Fn<ClusterNewFn>("rd_kafka_mock_cluster_new"),
                ClusterDestroy = Fn<DestroyFn>("rd_kafka_mock_cluster_destroy"),
                Bootstraps = Fn<BootstrapsFn>("rd_kafka_mock_cluster_bootstraps"),
                TopicCreate = Fn<TopicCreateFn>("rd_kafka_mock_topic_create"),
                TopicSetError = Fn<TopicSetErrorFn>("rd_kafka_mock_topic_set_error"),
                BrokerSetDown = Fn<BrokerFn>("rd_kafka_mock_broker_set_down"),
                BrokerSetUp = Fn<BrokerFn>("rd_kafka_mock_broker_set_up"),
                BrokerSetRtt = Fn<BrokerRttFn>("rd_kafka_mock_broker_set_rtt"),
                SetControllerId = Fn<SetControllerIdFn>("rd_kafka_mock_set_controller_id"),
            };
        }
    }

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr ConfNewFn();

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int ConfSetFn(IntPtr conf, [MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value, byte[] error, nint errorSize);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr NewFn(int type, IntPtr conf, byte[] error, nint errorSize);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void DestroyFn(IntPtr handle);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr ClusterNewFn(IntPtr handle, int brokers);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr BootstrapsFn(IntPtr cluster);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int TopicCreateFn(IntPtr cluster, [MarshalAs(UnmanagedType.LPUTF8Str)] string topic, int partitions, int replicationFactor);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void TopicSetErrorFn(IntPtr cluster, [MarshalAs(UnmanagedType.LPUTF8Str)] string topic, int error);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int BrokerFn(IntPtr cluster, int brokerId);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int BrokerRttFn(IntPtr cluster, int brokerId, int rttMs);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void SetControllerIdFn(IntPtr cluster, int controllerId);
}
