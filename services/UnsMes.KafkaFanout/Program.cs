using UnsMes.KafkaFanout;
using UnsMes.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddKafkaFanout();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapKafkaFanout();
await app.RunAsync();
