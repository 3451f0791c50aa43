using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Draw.InspectorAssignment;
using ShuangSuiJi.Draw.TargetDraw;
using ShuangSuiJi.Generation;

namespace ShuangSuiJi.Draw.Tests;

/// <summary>A generated province shared by the draw tests (read-only).</summary>
internal static class Province
{
    public static readonly ProvinceGenerator Generator = new(new GeneratorOptions { TargetCount = 20_000, Seed = 11 });

    public static readonly IReadOnlyList<Target> Targets = [.. Generator.Targets()];

    public static readonly TargetDirectory Directory = TargetDirectory.Build(Targets);

    public static readonly IReadOnlyDictionary<string, Target> ByCode = Targets.ToDictionary(t => t.CreditCode);

    public static readonly IReadOnlyList<Department> Departments = Generator.Departments();

    public static readonly IReadOnlyList<Inspector> Inspectors = [.. Generator.Inspectors()];

    public static AssignmentDepartment Roster(string departmentCode, params string[] expertise)
    {
        var region = Departments.Single(d => d.Code == departmentCode).RegionCode;
        return new AssignmentDepartment(departmentCode, [.. Inspectors.Where(i => i.DepartmentCode == departmentCode).Select(i => RosterInspector.From(i, region))], expertise);
    }

    public static byte[] SeedFor(int i) => System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(i));

    /// <summary>A 10% draw over county 360103 without assignment, from seed <see cref="SeedFor"/>(<paramref name="seed"/>).</summary>
    public static Records.DrawRecord CountyDraw(int seed)
    {
        var bytes = SeedFor(seed);
        var request = new TargetDrawRequest { TaskNumber = "RW2025-360103-0001", Scope = new TargetScope { Regions = ["360103"] }, Policy = DrawPolicy.Uniform(0.1m) };
        return DrawService.Run(Directory, request, null, bytes, Randomness.SeedCommitment.Commit(bytes), Randomness.CommitmentAlgorithm.Sha256, DateTimeOffset.UnixEpoch);
    }
}
