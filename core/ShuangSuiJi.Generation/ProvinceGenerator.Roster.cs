using System.Globalization;
using ShuangSuiJi.Core.Codes;
using ShuangSuiJi.Core.Kinds;

namespace ShuangSuiJi.Generation;

public sealed partial class ProvinceGenerator
{
    /// <summary>Township market-supervision stations (市场监管所) per county.</summary>
    private static readonly string[] Stations = ["城关", "城东", "城西"];

    /// <summary>A generated department and what the generator needs to know about it.</summary>
    /// <param name="Slot">Its place among the departments sharing its region: spaces certificate serials apart.</param>
    /// <param name="CountyIndex">Index into <see cref="Jiangxi.AllCounties"/> for county and township departments, else -1.</param>
    private sealed record GeneratedDepartment(Department Department, LineDepartment Line, int Slot, int CountyIndex, int Ordinal);

    private List<GeneratedDepartment> BuildDepartments()
    {
        var list = new List<GeneratedDepartment>();

        void Add(string code, string name, string? parent, string region, DepartmentLevel level, LineDepartment line, int slot, int countyIndex)
        {
            var department = new Department
            {
                Code = code,
                Name = name,
                ParentCode = parent,
                CreditCode = DepartmentCreditCode(list.Count, region),
                RegionCode = region,
                Level = level,
                LineOfWork = line.Line,
                Provenance = _provenance,
            };
            list.Add(new GeneratedDepartment(department, line, slot, countyIndex, list.Count));
        }

        for (var l = 0; l < LineDepartment.All.Count; l++)
        {
            var line = LineDepartment.All[l];
            Add(DepartmentCode(Jiangxi.ProvinceCode, line.Suffix), Jiangxi.ProvinceName + line.ProvinceName, null, Jiangxi.ProvinceCode, DepartmentLevel.Province, line, l, -1);
        }

        foreach (var city in Jiangxi.Cities)
        {
            for (var l = 0; l < LineDepartment.All.Count; l++)
            {
                var line = LineDepartment.All[l];
                Add(DepartmentCode(city.Code, line.Suffix), city.Name + line.LocalName, DepartmentCode(Jiangxi.ProvinceCode, line.Suffix), city.Code, DepartmentLevel.City, line, l, -1);
            }
        }

        for (var c = 0; c < Jiangxi.AllCounties.Count; c++)
        {
            var (city, county) = Jiangxi.AllCounties[c];
            for (var l = 0; l < LineDepartment.All.Count; l++)
            {
                var line = LineDepartment.All[l];
                if (line.AtCounty)
                {
                    Add(DepartmentCode(county.Code, line.Suffix), county.Name + line.LocalName, DepartmentCode(city.Code, line.Suffix), county.Code, DepartmentLevel.County, line, l, c);
                }
            }

            var market = LineDepartment.All[0];
            for (var s = 0; s < Stations.Length; s++)
            {
                Add($"{DepartmentCode(county.Code, market.Suffix)}-S{s + 1:00}", $"{county.Name}市场监督管理局{Stations[s]}市场监管所",
                    DepartmentCode(county.Code, market.Suffix), county.Code, DepartmentLevel.Township, market, LineDepartment.All.Count + s, c);
            }
        }

        return list;
    }

    /// <summary>A department's own credit code: 1 (institution registry) 1 (state organ), region, organisation code, check.</summary>
    private static string DepartmentCreditCode(int ordinal, string region)
    {
        Span<char> code = stackalloc char[18];
        code[0] = '1';
        code[1] = '1';
        region.AsSpan().CopyTo(code[2..]);
        code[8] = 'M';
        code[9] = 'B';
        WriteBase31(ordinal + 1_000_000L, code.Slice(10, 7));
        code[17] = Uscc.ComputeCheckCharacter(code);
        return new string(code);
    }

    /// <summary>Users: per department an administrator and a planner, a supervisor in market supervision, and two inspector accounts.</summary>
    public IEnumerable<User> Users()
    {
        foreach (var d in _departments)
        {
            var rng = SplitMix64.For(_options.Seed, UserStream, d.Ordinal);
            var prefix = d.Department.Code.ToLowerInvariant().Replace('-', '_');
            UserRoles[] roles = d.Department.IsMarketSupervision
                ? [UserRoles.Administrator, UserRoles.Planner, UserRoles.Supervisor, UserRoles.Inspector, UserRoles.Inspector | UserRoles.Planner]
                : [UserRoles.Administrator, UserRoles.Planner, UserRoles.Inspector, UserRoles.Inspector];
            for (var i = 0; i < roles.Length; i++)
            {
                yield return new User
                {
                    LoginName = string.Create(CultureInfo.InvariantCulture, $"{prefix}_{i + 1:00}"),
                    DisplayName = PersonName(ref rng),
                    DepartmentCode = d.Department.Code,
                    Roles = roles[i],
                    Enabled = !rng.Percent(4),
                    Provenance = _provenance,
                };
            }
        }
    }

    /// <summary>Each department's item list (一单), from its line's items; township stations use their county's list.</summary>
    public IEnumerable<InspectionItem> Items()
    {
        foreach (var d in _departments.Where(d => d.Department.Level != DepartmentLevel.Township))
        {
            for (var i = 0; i < d.Line.Items.Count; i++)
            {
                var item = d.Line.Items[i];
                yield return new InspectionItem
                {
                    Code = ItemCode(d.Department.Code, i),
                    Name = item.Item,
                    OwnerDepartmentCode = d.Department.Code,
                    Field = item.Field,
                    Content = $"检查{item.Scope}{item.Item}",
                    LegalBasis = "《企业信息公示暂行条例》《市场监管总局关于全面推进“双随机、一公开”监管工作的通知》",
                    Methods = item.Methods,
                    TargetScope = item.Scope,
                    IsKeyItem = i == 0,
                    Provenance = _provenance,
                };
            }
        }
    }

    private static string ItemCode(string departmentCode, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"SX-{departmentCode}-{index + 1:000}");

    /// <summary>Number of inspectors on a department's roster; county market-supervision rosters grow with the province.</summary>
    private int InspectorCount(GeneratedDepartment d) => d.Department.Level switch
    {
        DepartmentLevel.Province => 10,
        DepartmentLevel.City => 8,
        DepartmentLevel.Township => 4,
        _ when d.Department.IsMarketSupervision => (int)Math.Min(3999, 6 + (_options.TargetCount / (_countyCount * 250L))),
        _ => 4,
    };

    /// <summary>The roster (执法检查人员名录库): on-duty, transferred and retired inspectors, some with expired certificates.</summary>
    public IEnumerable<Inspector> Inspectors()
    {
        foreach (var d in _departments)
        {
            var count = InspectorCount(d);
            for (var n = 0; n < count; n++)
            {
                yield return InspectorAt(d, n);
            }
        }
    }

    private string InspectorCertificate(GeneratedDepartment d, int n) =>
        string.Create(CultureInfo.InvariantCulture, $"{Jiangxi.CertificatePrefix}{d.Department.RegionCode}{(d.Slot * 4000) + n + 1:00000}");

    private Inspector InspectorAt(GeneratedDepartment d, int n)
    {
        var rng = SplitMix64.For(_options.Seed, InspectorStream, ((long)d.Ordinal << 16) | (uint)n);
        var fields = d.Line.Items.Select(i => i.Field).Distinct().ToArray();
        var expertise = new List<string> { fields[rng.Below(fields.Length)] };
        if (fields.Length > 1 && rng.Percent(40))
        {
            var second = fields[rng.Below(fields.Length)];
            if (!expertise.Contains(second))
            {
                expertise.Add(second);
            }
        }

        var recusal = new List<string>();
        if (d.CountyIndex >= 0 && rng.Percent(15))
        {
            var perCounty = Math.Max(1, (_options.TargetCount - d.CountyIndex + _countyCount - 1) / _countyCount);
            for (var r = 1 + rng.Below(2); r > 0; r--)
            {
                var index = d.CountyIndex + (_countyCount * (long)(rng.Next() % (ulong)perCounty));
                if (index < _options.TargetCount)
                {
                    recusal.Add(TargetAt(index).CreditCode);
                }
            }
        }

        // The first two of every roster stay on duty with valid certificates so every department can field a pair.
        var status = n < 2 ? InspectorStatus.OnDuty
            : rng.Percent(92) ? InspectorStatus.OnDuty
            : rng.Percent(60) ? InspectorStatus.Transferred : InspectorStatus.Retired;
        var validTo = n < 2 ? _options.AsOf.AddDays(400 + rng.Below(1000)) : _options.AsOf.AddDays(rng.Below(1800) - 250);
        var phone = string.Concat("1", "35789"[rng.Below(5)].ToString(), Digits(ref rng, 9));
        return new Inspector
        {
            CertificateNumber = InspectorCertificate(d, n),
            Name = PersonName(ref rng),
            DepartmentCode = d.Department.Code,
            IdNumber = IdNumberFor(ref rng, d.Department.RegionCode, _options.AsOf),
            Phone = new PhoneNumber(phone),
            CertificateValidFrom = validTo.AddYears(-5),
            CertificateValidTo = validTo,
            Expertise = expertise,
            RecusalScope = recusal,
            Status = status,
            Provenance = _provenance,
        };
    }
}
