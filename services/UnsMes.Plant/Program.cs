using UnsMes.Broker;
using UnsMes.EdgePublisher;
using UnsMes.ErpBridge;
using UnsMes.Oee;
using UnsMes.Plant;
using UnsMes.ReferenceErp;
using UnsMes.ServiceDefaults;

// One process, every service, embedded defaults. Each service registers here exactly as in its own Program.cs.
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddUnsBroker();
builder.AddEdgePublisher();
builder.AddOeeCalculator();
builder.AddReferenceErp();
builder.AddErpBridge();
builder.AddPlantBanner();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapUnsBroker();
app.MapOeeCalculator();
app.MapReferenceErp();
app.MapErpBridge();
await app.RunAsync();
