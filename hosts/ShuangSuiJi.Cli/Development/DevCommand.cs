using System.CommandLine;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Migrations.Design;
using Microsoft.Extensions.DependencyInjection;
using ShuangSuiJi.Storage;

namespace ShuangSuiJi.Cli.Development;

/// <summary>
/// <c>ssj dev migrations add NAME</c>: scaffolds a migration for each of the three providers into
/// core/ShuangSuiJi.Storage/Migrations/{Provider}. Does what <c>dotnet ef migrations add</c> does, through EF's
/// design-time services, so contributors need no global tool.
/// </summary>
internal static class DevCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "Migration name, PascalCase (for example AddDrawLedger)." };
        var root = new Option<DirectoryInfo?>("--repo") { Description = "Repository root; found by walking up from the current folder when omitted." };
        var add = new Command("add", "Scaffold a migration for SQLite, PostgreSQL and SQL Server. Rebuild first so the current model snapshot is compiled in.") { name, root };
        add.SetAction(parse =>
        {
            var repo = parse.GetValue(root) ?? FindRepositoryRoot(new DirectoryInfo(Environment.CurrentDirectory));
            if (repo is null)
            {
                parse.InvocationConfiguration.Error.WriteLine("Cannot find ShuangSuiJi.sln above the current folder; pass --repo.");
                return ExitCodes.UsageError;
            }

            var projectDir = Path.Combine(repo.FullName, "core", "ShuangSuiJi.Storage");
            foreach (var provider in Enum.GetValues<StorageProvider>())
            {
                var files = Scaffold(provider, parse.GetRequiredValue(name), projectDir);
                parse.InvocationConfiguration.Output.WriteLine($"{provider}: {string.Join(", ", files.Select(Path.GetFileName))}");
            }

            return ExitCodes.Success;
        });

        return new Command("dev", "Developer tools.") { new Command("migrations", "Schema migrations.") { add } };
    }

    private static IEnumerable<string> Scaffold(StorageProvider provider, string migrationName, string projectDir)
    {
        var options = new StorageOptions
        {
            Provider = provider,

            // Never opened: scaffolding compares the model with the compiled snapshot only.
            ConnectionString = provider == StorageProvider.Sqlite ? "Data Source=:memory:" : "Host=localhost;Database=design;Server=localhost",
        };
        using var db = HubDbContextFactory.For(options, Storage.Protection.FieldCipher.Ephemeral()).CreateDbContext();
        var services = new ServiceCollection();
        services.AddEntityFrameworkDesignTimeServices();
        services.AddDbContextDesignTimeServices(db);
#pragma warning disable EF1001 // Provider design-time services are internal API; this is how the ef tool wires them too.
        IDesignTimeServices design = provider switch
        {
            StorageProvider.Sqlite => new Microsoft.EntityFrameworkCore.Sqlite.Design.Internal.SqliteDesignTimeServices(),
            StorageProvider.PostgreSql => new Npgsql.EntityFrameworkCore.PostgreSQL.Design.Internal.NpgsqlDesignTimeServices(),
            _ => new Microsoft.EntityFrameworkCore.SqlServer.Design.Internal.SqlServerDesignTimeServices(),
        };
#pragma warning restore EF1001
        design.ConfigureDesignTimeServices(services);
        using var designServices = services.BuildServiceProvider();
        var scaffolder = designServices.GetRequiredService<IMigrationsScaffolder>();
        var migration = scaffolder.ScaffoldMigration(migrationName, "ShuangSuiJi.Storage", $"Migrations.{provider}", "C#");
        var saved = scaffolder.Save(projectDir, migration, Path.Combine(projectDir, "Migrations", provider.ToString()));
        return new[] { saved.MigrationFile, saved.MetadataFile, saved.SnapshotFile }.OfType<string>();
    }

    private static DirectoryInfo? FindRepositoryRoot(DirectoryInfo? folder)
    {
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "ShuangSuiJi.sln")))
        {
            folder = folder.Parent;
        }

        return folder;
    }
}
