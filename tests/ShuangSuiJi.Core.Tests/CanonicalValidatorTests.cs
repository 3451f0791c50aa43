using ShuangSuiJi.Core.Codes;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Core.Validation;

namespace ShuangSuiJi.Core.Tests;

public sealed class CanonicalValidatorTests
{
    private static readonly DateOnly Today = new(2025, 6, 30);
    private static readonly Provenance Source = new("test", "unit", new DateTimeOffset(2025, 6, 30, 8, 0, 0, TimeSpan.FromHours(8)));
    private readonly CanonicalValidator _validator = new(Today);

    private static Target ValidTarget() => new()
    {
        CreditCode = "91360103MA38B2LM2C",
        Name = "南昌市某某大药房有限公司",
        EntityType = EntityType.LimitedLiabilityCompany,
        RegionCode = "360103",
        RegistrationAuthorityCode = "360103-SCJG",
        EstablishedOn = new DateOnly(2019, 4, 12),
        Status = RegistrationStatus.Existing,
        IndustryCode = "F5251",
        Tags = ["药品零售企业"],
        RiskGrade = RiskGrade.B,
        Provenance = Source,
    };

    private static Inspector ValidInspector() => new()
    {
        CertificateNumber = "赣36010012345",
        Name = "张三",
        DepartmentCode = "360100-SCJG",
        IdNumber = new IdNumber("36010319900101123X"),
        CertificateValidFrom = new DateOnly(2022, 1, 1),
        CertificateValidTo = new DateOnly(2027, 1, 1),
        RecusalScope = ["91360103MA38B2LM2C"],
        Status = InspectorStatus.OnDuty,
        Provenance = Source,
    };

    [Fact]
    public void Validate_ValidTarget_HasNoErrors() => Assert.Empty(_validator.Validate(ValidTarget()));

    [Fact]
    public void Validate_TargetWithSeveralProblems_ReportsEachFieldOnce()
    {
        var target = ValidTarget() with
        {
            CreditCode = "91360103MA38B2LM2D",
            RegionCode = "3601",
            EstablishedOn = new DateOnly(2030, 1, 1),
            IndustryCode = "5251",
        };

        var errors = _validator.Validate(target);

        Assert.Equal(["CreditCode", "RegionCode", "EstablishedOn", "IndustryCode"], errors.Select(e => e.Field));
        Assert.Contains("expected 'C'", errors[0].Reason, StringComparison.Ordinal);
        Assert.Contains("in the future", errors[2].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ValidInspector_HasNoErrors() => Assert.Empty(_validator.Validate(ValidInspector()));

    [Fact]
    public void Validate_CertificateEndingBeforeItStarts_IsRejected()
    {
        var inspector = ValidInspector() with { CertificateValidFrom = new DateOnly(2028, 1, 1) };

        var error = Assert.Single(_validator.Validate(inspector));

        Assert.Equal(nameof(Inspector.CertificateValidTo), error.Field);
    }

    [Fact]
    public void Validate_MalformedIdNumber_ShowsItOnlyMasked()
    {
        var inspector = ValidInspector() with { IdNumber = new IdNumber("3601031990010112") };

        var error = Assert.Single(_validator.Validate(inspector));

        Assert.DoesNotContain("19900101", error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-12-31", "2025-06-30", true)]
    [InlineData("2025-06-30", "2025-06-30", true)]
    [InlineData("2025-06-29", "2025-06-30", false)]
    public void HasValidCertificateOn_ComparesInclusiveEnd(string validTo, string on, bool expected) =>
        Assert.Equal(expected, (ValidInspector() with { CertificateValidTo = DateOnly.Parse(validTo, System.Globalization.CultureInfo.InvariantCulture) })
            .HasValidCertificateOn(DateOnly.Parse(on, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Validate_PlanWithoutInitiatorAmongParticipants_SaysSo()
    {
        var plan = new Plan
        {
            Code = "JH2025-360103-004",
            Name = "联合抽查",
            Year = 2025,
            InitiatingDepartmentCode = "360103-SCJG",
            Participants = [new PlanParticipant { DepartmentCode = "360103-WJW", ItemCodes = ["SX-WJ-014"] }],
            RatioPercent = 10,
            Frequency = PlanFrequency.OncePerYear,
            StartMonth = 10,
            EndMonth = 5,
            Methods = [CheckMethod.OnSite],
            Provenance = Source,
        };

        var errors = _validator.Validate(plan);

        Assert.Equal(["Participants", "EndMonth"], errors.Select(e => e.Field));
    }

    [Fact]
    public void Validate_ResultWithOneInspector_NeedsTwo()
    {
        var result = new InspectionResult
        {
            TaskNumber = "RW2025-360103-0042",
            TargetCreditCode = "91360103MA38B2LM2C",
            DepartmentCode = "360103-SCJG",
            Outcome = ResultOutcome.ProblemOrderedToCorrect,
            InspectorCertificateNumbers = ["赣36010012345"],
            Method = CheckMethod.OnSite,
            InspectedOn = new DateOnly(2025, 6, 12),
            EnteredOn = new DateOnly(2025, 6, 11),
            Provenance = Source,
        };

        var errors = _validator.Validate(result);

        Assert.Equal(["EnteredOn", "InspectorCertificateNumbers"], errors.Select(e => e.Field));
    }

    [Fact]
    public void Validate_EvaluationRatingOutsideOneToFive_IsRejected()
    {
        var evaluation = new Evaluation
        {
            Id = "PJ-1",
            TaskNumber = "RW2025-360103-0042",
            TargetCreditCode = "91360103MA38B2LM2C",
            Rating = 6,
            SubmittedAt = new DateTimeOffset(2025, 6, 12, 16, 0, 0, TimeSpan.FromHours(8)),
            Provenance = Source,
        };

        Assert.Equal("Rating", Assert.Single(_validator.Validate(evaluation)).Field);
    }

    [Fact]
    public void Validate_MissingProvenance_IsAnError()
    {
        var department = new Department
        {
            Code = "360103-SCJG",
            Name = "西湖区市场监督管理局",
            ParentCode = "360100-SCJG",
            RegionCode = "360103",
            Level = DepartmentLevel.County,
            LineOfWork = LineOfWork.MarketSupervision,
            Provenance = Source with { Partner = "" },
        };

        Assert.Equal("Provenance", Assert.Single(_validator.Validate(department)).Field);
    }

    [Fact]
    public void Target_IsDrawable_OnlyWhenExistingOrSuspended()
    {
        var drawable = Enum.GetValues<RegistrationStatus>().Where(s => (ValidTarget() with { Status = s }).IsDrawable);

        Assert.Equal([RegistrationStatus.Existing, RegistrationStatus.Suspended], drawable);
    }

    [Fact]
    public void ResultOutcome_HasExactlyTheTenOutcomes() => Assert.Equal(10, Enum.GetValues<ResultOutcome>().Length);
}
