using UnsMes.ServiceDefaults;
using UnsMes.Wip;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddWipTracker();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapWipTracker();
await app.RunAsync();
