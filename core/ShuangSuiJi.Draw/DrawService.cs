using ShuangSuiJi.Draw.InspectorAssignment;
using ShuangSuiJi.Draw.Randomness;
using ShuangSuiJi.Draw.Records;
using ShuangSuiJi.Draw.TargetDraw;

namespace ShuangSuiJi.Draw;

/// <summary>Runs a whole draw — targets, then inspectors for each department — and writes its record.</summary>
public static class DrawService
{
    /// <summary>The assignment settings of a draw; the targets come from the target draw.</summary>
    public sealed record AssignmentSettings(IReadOnlyList<AssignmentDepartment> Departments, DateOnly WindowStart, DateOnly WindowEnd, int InspectorsPerTarget = 2, bool CrossRegion = false);

    /// <exception cref="ArgumentException">The seed does not match the commitment.</exception>
    public static DrawRecord Run(
        TargetDirectory directory, TargetDrawRequest request, AssignmentSettings? assignment,
        ReadOnlySpan<byte> seed, string seedCommitment, CommitmentAlgorithm commitmentAlgorithm, DateTimeOffset drawnAt)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(request);
        if (!SeedCommitment.Verify(seed, seedCommitment, commitmentAlgorithm))
        {
            throw new ArgumentException("The revealed seed does not match the published commitment.", nameof(seed));
        }

        using var draw = new TargetDrawEngine(directory).Draw(request, seed);
        List<DrawnTarget> drawn = [.. draw.Drawn]; // materialised once: the record and the assignment both read it
        RecordAssignment? recorded = null;
        if (assignment is not null && !draw.Refused)
        {
            var targets = drawn.Select(d => new AssignmentTarget(d.CreditCode, directory.RegionAt(directory.IndexOf(d.CreditCode)))).ToList();
            var assignmentRequest = new AssignmentRequest
            {
                TaskNumber = request.TaskNumber,
                Targets = targets,
                Departments = assignment.Departments,
                InspectorsPerTarget = assignment.InspectorsPerTarget,
                WindowStart = assignment.WindowStart,
                WindowEnd = assignment.WindowEnd,
                CrossRegion = assignment.CrossRegion,
            };
            var result = InspectorAssigner.Assign(assignmentRequest, seed);
            recorded = new RecordAssignment
            {
                InspectorsPerTarget = assignment.InspectorsPerTarget,
                WindowStart = assignment.WindowStart,
                WindowEnd = assignment.WindowEnd,
                CrossRegion = assignment.CrossRegion,
                Targets = targets,
                Departments = assignment.Departments,
                Assignments = result.Assignments,
                Uncovered = result.Uncovered,
                Loads = result.Loads,
                ExcludedInspectors = result.ExcludedInspectors,
            };
        }

        return new DrawRecord
        {
            Algorithm = draw.Algorithm,
            TaskNumber = request.TaskNumber,
            DrawnAt = drawnAt,
            CommitmentAlgorithm = commitmentAlgorithm,
            SeedCommitment = seedCommitment,
            Seed = Convert.ToHexStringLower(seed),
            Scope = request.Scope,
            Policy = request.Policy,
            InScopeA = draw.InScopeA,
            DrawnThisYearA = draw.DrawnThisYearA,
            EligibleCount = draw.EligibleCount,
            EligibleHash = draw.EligibleHash,
            Strata = [.. draw.Strata.Select(s => new RecordStratum(s.Stratum, s.Ratio, s.ByRatio, s.Drawn, s.Note, [.. draw.EligibleByStratum[s.Stratum]]))],
            KeyTargets = request.KeyTargets,
            Refusal = draw.Refusal,
            Drawn = drawn,
            Exclusions = draw.Exclusions,
            Assignment = recorded,
        };
    }
}
