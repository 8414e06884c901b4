using UnsMes.Broker;
using UnsMes.Dashboard;
using UnsMes.EdgePublisher;
using UnsMes.ErpBridge;
using UnsMes.Historian;
using UnsMes.KafkaFanout;
using UnsMes.Oee;
using UnsMes.Plant;
using UnsMes.ReferenceErp;
using UnsMes.ServiceDefaults;
using UnsMes.Wip;

// One process, every service, embedded defaults. Each service registers here exactly as in its own Program.cs.
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddUnsBroker();
builder.AddEdgePublisher();
builder.AddOeeCalculator();
builder.AddWipTracker();
builder.AddDashboard();
builder.AddReferenceErp();
builder.AddErpBridge();
builder.AddHistorian();
// On only when Kafka:BootstrapServers is set (configuration or Kafka__BootstrapServers).
builder.AddKafkaFanout();
builder.AddPlantBanner();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapUnsBroker();
app.MapOeeCalculator();
app.MapWipTracker();
app.MapDashboard();
app.MapReferenceErp();
app.MapErpBridge();
app.MapHistorian();
app.MapKafkaFanout();
await app.RunAsync();
