var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
var body = """{"status":"ok"}"""u8.ToArray();
app.MapGet("/livez", context =>
{
    context.Response.ContentType = "application/json";
    return context.Response.Body.WriteAsync(body).AsTask();
});
app.Run();
