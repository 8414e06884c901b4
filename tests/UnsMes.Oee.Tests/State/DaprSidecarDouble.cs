using System.Collections.Concurrent;
using Dapr.Client.Autogen.Grpc.v1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace UnsMes.Oee.Tests.State;

/// <summary>
/// A test double of the Dapr sidecar, because no Dapr runtime runs on the test machines: a gRPC server on a free
/// loopback port (HTTP/2 cleartext) that answers the state calls of the Dapr runtime API (<c>SaveState</c>,
/// <c>GetState</c>) from an in-memory dictionary, so a real <c>DaprClient</c> can talk to it. Any other call is
/// answered "unimplemented". Dapr.Client ships only the client side of that service (no generated server base), so
/// the two methods are bound here by hand under the runtime API's service and method names, with the package's own
/// request and response messages.
/// </summary>
internal sealed class DaprSidecarDouble : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DaprSidecarDouble(WebApplication app, StateService state)
    {
        _app = app;
        State = state;
    }

    /// <summary>The endpoint to give <c>DaprClientBuilder.UseGrpcEndpoint</c>.</summary>
    public string GrpcEndpoint => _app.Urls.Single();

    public StateService State { get; }

    public static async Task<DaprSidecarDouble> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        var state = new StateService();
        builder.Services.AddSingleton(state);
        builder.Services.AddGrpc();
        var app = builder.Build();
        app.MapGrpcService<StateService>();
        await app.StartAsync();
        return new DaprSidecarDouble(app, state);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>
    /// The state part of the runtime API (<c>dapr.proto.runtime.v1.Dapr</c>), laid out as a generated service base
    /// would be: ASP.NET Core gRPC binds the methods that override the virtual ones of the type carrying the attribute.
    /// </summary>
    [BindServiceMethod(typeof(StateServiceBase), nameof(BindService))]
    internal abstract class StateServiceBase
    {
        private const string ServiceName = "dapr.proto.runtime.v1.Dapr";

        private static readonly Method<SaveStateRequest, Empty> SaveStateMethod = new(
            MethodType.Unary, ServiceName, "SaveState", Marshal(SaveStateRequest.Parser), Marshal(Empty.Parser));

        private static readonly Method<GetStateRequest, GetStateResponse> GetStateMethod = new(
            MethodType.Unary, ServiceName, "GetState", Marshal(GetStateRequest.Parser), Marshal(GetStateResponse.Parser));

        public virtual Task<Empty> SaveState(SaveStateRequest request, ServerCallContext context) =>
            throw new RpcException(new Status(StatusCode.Unimplemented, "SaveState"));

        public virtual Task<GetStateResponse> GetState(GetStateRequest request, ServerCallContext context) =>
            throw new RpcException(new Status(StatusCode.Unimplemented, "GetState"));

        /// <summary>Called by ASP.NET Core gRPC when the service is mapped.</summary>
        public static void BindService(ServiceBinderBase binder, StateServiceBase? service)
        {
            binder.AddMethod(SaveStateMethod, service is null ? null : service.SaveState);
            binder.AddMethod(GetStateMethod, service is null ? null : service.GetState);
        }

        private static Marshaller<T> Marshal<T>(MessageParser<T> parser)
            where T : IMessage<T> => Marshallers.Create(m => m.ToByteArray(), parser.ParseFrom);
    }

    /// <summary>The state calls over one dictionary.</summary>
    internal sealed class StateService : StateServiceBase
    {
        /// <summary>Values by "store/key", as the sidecar received them.</summary>
        public ConcurrentDictionary<string, byte[]> Values { get; } = new(StringComparer.Ordinal);

        public override Task<Empty> SaveState(SaveStateRequest request, ServerCallContext context)
        {
            foreach (var item in request.States)
            {
                Values[$"{request.StoreName}/{item.Key}"] = item.Value.ToByteArray();
            }

            return Task.FromResult(new Empty());
        }

        public override Task<GetStateResponse> GetState(GetStateRequest request, ServerCallContext context) =>
            Task.FromResult(Values.TryGetValue($"{request.StoreName}/{request.Key}", out var value)
                ? new GetStateResponse { Data = ByteString.CopyFrom(value) }
                : new GetStateResponse());
    }
}
