using UnsMes.EdgePublisher;
using UnsMes.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddEdgePublisher();

var app = builder.Build();
app.MapDefaultEndpoints();
await app.RunAsync();
