using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Serilog;
using Serilog.Formatting.Compact;
using ShuangSuiJi.Core.Calendar;
using ShuangSuiJi.Generation;
using ShuangSuiJi.Hub;
using ShuangSuiJi.Hub.Access;
using Hangfire;
using ShuangSuiJi.Hub.Apis;
using ShuangSuiJi.Hub.Auditing;
using ShuangSuiJi.Hub.Evaluations;
using ShuangSuiJi.Hub.Exchanges;
using ShuangSuiJi.Hub.Messaging;
using ShuangSuiJi.Hub.Sensitive;
using ShuangSuiJi.Hub.Startup;
using ShuangSuiJi.Storage;

// Bootstrap logger: catches failures before configuration is read; replaced once the host is built.
Log.Logger = new LoggerConfiguration().WriteTo.Console().CreateBootstrapLogger();

try
{
    var app = HubApplication.Build(args);
    await app.RunAsync();
    return 0;
}
catch (OptionsValidationException ex)
{
    // A bad configuration stops the host with every failure, each naming its key.
    Log.Fatal("Configuration error, the hub did not start:{NewLine}{Failures}", Environment.NewLine, string.Join(Environment.NewLine, ex.Failures.Select(f => "  " + f)));
    return 2;
}
catch (Exception ex) when (ex is not HostAbortedException)
{
    Log.Fatal(ex, "The hub stopped unexpectedly");
    return 1;
}
finally
{
    await Log.CloseAndFlushAsync();
}

/// <summary>Composition of the hub; tests build it through <c>WebApplicationFactory</c>.</summary>
public partial class Program;

/// <summary>Builds the hub's web application.</summary>
internal static class HubApplication
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);

        // Shared defaults (reconciliation's kinds and pairs) first, so appsettings, the environment and the command line override them.
        builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Json.JsonConfigurationSource
        {
            Path = "reconciliation.json", Optional = true, FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(AppContext.BaseDirectory),
        });
        if (builder.Environment.IsProduction())
        {
            // Before anything starts (simulators included): production never runs on a missing or default secret.
            ProductionSecrets.ThrowIfUnsafe(builder.Configuration, HubExchanges.Modules(builder.Configuration));
        }

        var simulators = HubExchanges.StartStandInsIfUnconfigured(builder.Configuration);
        var logDirectory = builder.Configuration[$"{HubOptions.SectionName}:LogDirectory"] ?? "logs";
        builder.Services.AddSerilog((services, log) => log
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext()
            .MaskSensitiveNumbers(services.GetRequiredService<Microsoft.Extensions.Compliance.Redaction.IRedactorProvider>())
            .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            .WriteTo.File(new CompactJsonFormatter(), Path.Combine(logDirectory, "hub-.clef"), rollingInterval: RollingInterval.Day, retainedFileCountLimit: 14),
            preserveStaticLogger: true); // Each host gets its own logger; the static bootstrap logger stays for start-up failures (and tests run several hosts).

        builder.Services.AddSensitiveDataRedaction();
        builder.Services.AddOptions<HubOptions>()
            .Bind(builder.Configuration.GetSection(HubOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddHubStorage(builder.Configuration);
        builder.Services.AddHubBus(builder.Configuration);
        builder.Services.AddSingleton<ProvinceSeeder>();

        // The official working-day calendar: shipped 2020-2026, later years from Calendar:Years:<year>.
        var calendarYears = builder.Configuration.GetSection("Calendar:Years").Get<Dictionary<int, CalendarYear>>();
        builder.Services.AddSingleton(_ => new WorkingDayCalendar(calendarYears));
        builder.Services.AddSingleton<ShuangSuiJi.Planning.PlanImportService>();
        builder.Services.AddSingleton<ShuangSuiJi.Planning.Kpis.KpiService>();
        builder.Services.AddSingleton<SeedState>();
        builder.Services.AddSingleton<LiveApi.SharedSnapshot>();
        builder.Services.AddHostedService<StoreInitializer>();
        builder.Services.AddHubAccess(builder.Configuration); // after StoreInitializer: the first administrator is created in the migrated store
        builder.Services.AddHostedService<ProvinceSeedService>();
        builder.Services.AddEvaluationLinks(builder.Configuration);
        builder.Services.AddExchanges(builder.Configuration);
        builder.Services.AddHubAuditing(); // after AddExchanges: schedules its retention job where Hangfire runs
        if (simulators is not null)
        {
            builder.Services.AddSingleton(simulators);
            if (builder.Configuration.GetValue("Simulators:FieldWork", true) && builder.Configuration.GetValue("Exchange:Enabled", true))
            {
                builder.Services.AddHostedService<SimulatedFieldWork>();
            }
        }

        builder.Services.AddHealthChecks()
            .AddDbContextCheck<HubDbContext>("store", tags: ["ready"])
            .AddCheck<SeedHealthCheck>("seed", tags: ["ready"]);

        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            json.SerializerOptions.Converters.Add(new MaskedNumberJsonConverter());
        });
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();

        var app = builder.Build();
        if (simulators is not null)
        {
            app.Lifetime.ApplicationStopped.Register(simulators.Dispose);
            Log.Information("No partner configured: the partner simulators run in-process ({Urls})", string.Join(", ", simulators.Settings.Where(s => s.Key.EndsWith(":BaseUrl", StringComparison.Ordinal)).Select(s => s.Value)));
        }

        app.UseSerilogRequestLogging();
        app.UseExceptionHandler();
        app.UseStatusCodePages();

        // The login page's own assets are public; everything after the authorization middleware needs an account
        // (the fallback policy covers endpoints and middleware alike: dashboard files, Swagger UI, Hangfire).
        if (app.Environment.WebRootPath is { } webRoot && Directory.Exists(Path.Combine(webRoot, "public")))
        {
            app.UseStaticFiles(new StaticFileOptions
            {
                RequestPath = "/public",
                FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(Path.Combine(webRoot, "public")),
            });
        }

        app.UseAuthentication();
        app.UseAuthorization();
        app.UseDefaultFiles();
        app.UseStaticFiles();

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthResponse.WriteAsync }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = HealthResponse.WriteAsync }).AllowAnonymous();
        app.MapOpenApi().ProvinceWide("The API's own description: no records.");
        app.UseSwaggerUI(ui =>
        {
            ui.SwaggerEndpoint("/openapi/v1.json", "ShuangSuiJi hub API");
            ui.DocumentTitle = "双随机 hub API";
        });

        app.MapAccountPages()
            .MapDepartmentsApi()
            .MapUsersApi()
            .MapItemsApi()
            .MapPlansApi()
            .MapTasksApi()
            .MapTargetsApi()
            .MapInspectorsApi()
            .MapRevealApi()
            .MapResultsApi()
            .MapCreditRepairApi()
            .MapEvaluationsApi()
            .MapRejectionsApi()
            .MapDrawsApi()
            .MapPlanImportApi()
            .MapKpisApi()
            .MapExchangesApi()
            .MapReconciliationApi()
            .MapDashboardApi()
            .MapLiveApi()
            .MapAuditApi()
            .MapEvaluationQrApi()
            .MapEvaluationPages();
        if (app.Services.GetService<Hangfire.JobStorage>() is not null)
        {
            // Administrators only: the access policy demands it before Hangfire runs, and the filter again inside.
            app.UseHangfireDashboardAudit("/hangfire");
            app.UseHangfireDashboard("/hangfire", new DashboardOptions
            {
                DashboardTitle = "双随机 hub · 调度任务",
                Authorization = [new HangfireAdministratorFilter()],
                AppPath = "/",
            });
        }
        return app;
    }
}
