using UnsMes.Broker;
using UnsMes.EdgePublisher;
using UnsMes.KafkaFanout;
using UnsMes.Oee;
using UnsMes.Plant;
using UnsMes.ServiceDefaults;

// One process, every service, embedded defaults. Each service registers here exactly as in its own Program.cs.
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddUnsBroker();
builder.AddEdgePublisher();
builder.AddOeeCalculator();
// On only when Kafka:BootstrapServers is set (configuration or Kafka__BootstrapServers).
builder.AddKafkaFanout();
builder.AddPlantBanner();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapUnsBroker();
app.MapOeeCalculator();
app.MapKafkaFanout();
await app.RunAsync();
