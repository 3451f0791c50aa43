using CsCheck;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Core.Validation;
using ShuangSuiJi.Generation;

namespace ShuangSuiJi.Generation.Tests;

public sealed class ProvinceGeneratorTests
{
    private static readonly GeneratorOptions Small = new() { TargetCount = 5_000, Seed = 42 };
    private readonly ProvinceGenerator _generator = new(Small);
    private readonly CanonicalValidator _validator = new(Small.AsOf);

    [Fact]
    public void SameOptions_GiveTheSameProvince()
    {
        var again = new ProvinceGenerator(Small);

        Assert.Equal(_generator.Targets().Select(t => t.ToString()), again.Targets().Select(t => t.ToString()));
        Assert.Equal(_generator.Inspectors().Select(i => i.CertificateNumber + i.Name), again.Inspectors().Select(i => i.CertificateNumber + i.Name));
    }

    [Fact]
    public void DifferentSeed_GivesADifferentProvince() =>
        Assert.NotEqual(_generator.TargetAt(0).Name + _generator.TargetAt(1).Name, new ProvinceGenerator(Small with { Seed = 43 }).TargetAt(0).Name + new ProvinceGenerator(Small with { Seed = 43 }).TargetAt(1).Name);

    [Fact]
    public void TargetAt_AnyIndex_EqualsTheStreamedTarget() =>
        Gen.Int[0, (int)Small.TargetCount - 1].Sample(i => _generator.TargetAt(i).ToString() == _generator.Targets().ElementAt(i).ToString(), iter: 50);

    [Fact]
    public void EveryGeneratedRecord_PassesValidation()
    {
        var errors = new List<string>();
        void Check<T>(IEnumerable<T> records, Func<T, IReadOnlyList<FieldError>> validate, Func<T, string> key)
        {
            errors.AddRange(records.SelectMany(r => validate(r).Select(e => $"{typeof(T).Name} {key(r)}: {e}")));
        }

        Check(_generator.Departments(), _validator.Validate, d => d.Code);
        Check(_generator.Users(), _validator.Validate, u => u.LoginName);
        Check(_generator.Items(), _validator.Validate, i => i.Code);
        Check(_generator.Inspectors(), _validator.Validate, i => i.CertificateNumber);
        Check(_generator.Targets(), _validator.Validate, t => t.CreditCode);
        Check(_generator.Plans(), _validator.Validate, p => p.Code);
        Check(_generator.Tasks(), _validator.Validate, t => t.TaskNumber);
        Check(_generator.Results(), _validator.Validate, r => r.TaskNumber);
        Check(_generator.Evaluations(), _validator.Validate, e => e.Id);

        Assert.Empty(errors);
    }

    [Fact]
    public void NaturalKeys_AreUnique()
    {
        static void Unique<T>(IEnumerable<T> records, Func<T, string> key)
        {
            var keys = records.Select(key).ToList();
            Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
        }

        Unique(_generator.Departments(), d => d.Code);
        Unique(_generator.Departments(), d => d.CreditCode ?? "");
        Unique(_generator.Users(), u => u.LoginName);
        Unique(_generator.Items(), i => i.Code);
        Unique(_generator.Inspectors(), i => i.CertificateNumber);
        Unique(_generator.Targets(), t => t.CreditCode);
        Unique(_generator.Results(), r => $"{r.TaskNumber}|{r.TargetCreditCode}|{r.DepartmentCode}");
        Unique(_generator.Evaluations(), e => e.Id);
    }

    [Fact]
    public void Proportions_AreRealistic()
    {
        var targets = _generator.Targets().ToList();
        double Share(Func<Target, bool> predicate) => targets.Count(predicate) / (double)targets.Count;

        Assert.InRange(Share(t => t.EntityType == EntityType.IndividualBusiness), 0.58, 0.70);
        Assert.InRange(Share(t => t.IsDrawable), 0.85, 0.93);
        Assert.InRange(Share(t => t.RiskGrade == RiskGrade.A), 0.40, 0.55);
        Assert.InRange(Share(t => t.RiskGrade == RiskGrade.D), 0.01, 0.05);
        Assert.InRange(Share(t => t.RiskGrade is null), 0.05, 0.15);
        Assert.InRange(Share(t => t.Tags.Contains("加油站")), 0.002, 0.02);
        Assert.Equal(Enum.GetValues<EntityType>().Length, targets.Select(t => t.EntityType).Distinct().Count());
    }

    [Fact]
    public void Departments_CoverEveryLineAndLevel()
    {
        var departments = _generator.Departments();

        Assert.Equal(Enum.GetValues<LineOfWork>().Where(l => l != LineOfWork.Other), departments.Select(d => d.LineOfWork).Distinct().Order());
        Assert.Equal(Enum.GetValues<DepartmentLevel>(), departments.Select(d => d.Level).Distinct().Order());
        Assert.All(departments.Where(d => d.ParentCode is not null), d => Assert.Contains(departments, p => p.Code == d.ParentCode));
    }

    [Fact]
    public void Results_NameInspectorsOfTheirOwnDepartmentWhoCanServe()
    {
        var inspectors = _generator.Inspectors().ToDictionary(i => i.CertificateNumber);

        Assert.NotEmpty(_generator.Results());
        Assert.All(_generator.Results(), r => Assert.All(r.InspectorCertificateNumbers, c =>
        {
            var inspector = inspectors[c];
            Assert.Equal(r.DepartmentCode, inspector.DepartmentCode);
            Assert.Equal(InspectorStatus.OnDuty, inspector.Status);
            Assert.True(inspector.HasValidCertificateOn(r.InspectedOn));
        }));
    }

    [Fact]
    public void Recusal_NamesRealTargetsOfTheInspectorsCounty()
    {
        var codes = _generator.Targets().Select(t => t.CreditCode).ToHashSet();
        var recusals = _generator.Inspectors().Where(i => i.RecusalScope.Count > 0).ToList();

        Assert.NotEmpty(recusals);
        Assert.All(recusals, i => Assert.All(i.RecusalScope, code => Assert.Contains(code, codes)));
    }

    [Fact]
    public void IdNumbers_CarryACorrectCheckCharacter()
    {
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        Assert.All(_generator.Inspectors().Take(200), i =>
        {
            var id = i.IdNumber!.Value.Value; // The generator always sets one.
            var sum = Enumerable.Range(0, 17).Sum(k => (id[k] - '0') * weights[k]);
            Assert.Equal("10X98765432"[sum % 11], id[17]);
        });
    }

    [Theory]
    [InlineData(99)]
    [InlineData(10_000_001)]
    public void TargetCount_OutsideRange_IsRefusedNamingTheOption(long count)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new ProvinceGenerator(new GeneratorOptions { TargetCount = count }));

        Assert.Equal("TargetCount", ex.ParamName);
    }

    [Fact]
    public void TenMillionTargets_CanBeAddressedWithoutMaterialising()
    {
        var huge = new ProvinceGenerator(new GeneratorOptions { TargetCount = GeneratorOptions.MaxTargets });

        var last = huge.TargetAt(GeneratorOptions.MaxTargets - 1);

        Assert.Empty(_validator.Validate(last));
        Assert.NotEqual(huge.TargetAt(0).CreditCode, last.CreditCode);
    }
}
