using System.Globalization;
using Newtonsoft.Json.Linq;
using ShuangSuiJi.Adapters.Supervision;
using ShuangSuiJi.Core;
using ShuangSuiJi.Core.Codes;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Core.Validation;
using ShuangSuiJi.Exchange;
using ShuangSuiJi.Mappings.Wire;

namespace ShuangSuiJi.Mappings.Supervision;

/// <summary>
/// SUP's pinyin-initial JSON ↔ canonical departments and inspectors (contracts/SUP.md). Flags are "1"/"0" strings,
/// times <c>yyyy-MM-dd HH:mm:ss</c> China time. Every unknown code or malformed field is a field error naming the raw
/// value; the record is refused whole, kept with its payload.
/// </summary>
public static class SupervisionRegister
{
    /// <summary>Line of work from the department's name, for non-market-supervision departments (SUP only flags 市场监管).</summary>
    private static readonly (string Suffix, LineOfWork Line)[] Lines =
    [
        ("公安厅", LineOfWork.PublicSecurity), ("公安局", LineOfWork.PublicSecurity),
        ("文化和旅游厅", LineOfWork.CultureAndTourism), ("旅游局", LineOfWork.CultureAndTourism),
        ("应急管理厅", LineOfWork.EmergencyManagement), ("应急管理局", LineOfWork.EmergencyManagement),
        ("税务局", LineOfWork.Taxation),
        ("住房和城乡建设厅", LineOfWork.HousingAndConstruction), ("住房和城乡建设局", LineOfWork.HousingAndConstruction),
        ("民政厅", LineOfWork.CivilAffairs), ("民政局", LineOfWork.CivilAffairs),
        ("气象局", LineOfWork.Meteorology),
        ("卫生健康委员会", LineOfWork.HealthCommission), ("卫生健康局", LineOfWork.HealthCommission),
    ];

    public static PulledRecord<Department> Department(JObject json, string location, CanonicalValidator validator)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(validator);
        var errors = new List<FieldError>();
        string S(string name) => WireText.Of(json, name, errors);
        var level = S("BMJB") switch
        {
            "1" => DepartmentLevel.Province,
            "2" => DepartmentLevel.City,
            "3" => DepartmentLevel.County,
            "4" => DepartmentLevel.Township,
            var other => Error<DepartmentLevel>(errors, nameof(Core.Kinds.Department.Level), $"BMJB '{other}' is not 1-4"),
        };
        var line = S("SFSCJG") switch
        {
            "1" => LineOfWork.MarketSupervision,
            "0" => Lines.FirstOrDefault(l => S("BMMC").EndsWith(l.Suffix, StringComparison.Ordinal)) is { Suffix: not null } found ? found.Line : LineOfWork.Other,
            var other => Error<LineOfWork>(errors, nameof(Core.Kinds.Department.LineOfWork), $"SFSCJG '{other}' is not 1 or 0"),
        };
        var active = Flag(errors, S("ZT"), nameof(Core.Kinds.Department.Active), "ZT");
        var department = new Department
        {
            Code = S("BMBM"),
            Name = S("BMMC"),
            ParentCode = S("SJBMBM") is { Length: > 0 } parent ? parent : null,
            CreditCode = S("TYSHXYDM") is { Length: > 0 } credit ? credit : null,
            RegionCode = S("XZQHDM"),
            Level = level,
            LineOfWork = line,
            Active = active,
            Provenance = new Provenance(SupClient.Partner, "SUP/departments", Time(errors, S("GXSJ"))),
        };
        return Finish(department, errors, validator.Validate, department.Code, location, json);
    }

    public static PulledRecord<Inspector> Inspector(JObject json, string location, CanonicalValidator validator)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(validator);
        var errors = new List<FieldError>();
        string S(string name) => WireText.Of(json, name, errors);
        if (!DateOnly.TryParseExact(S("ZFZYXQ"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var validTo))
        {
            errors.Add(new FieldError(nameof(Core.Kinds.Inspector.CertificateValidTo), $"ZFZYXQ '{S("ZFZYXQ")}' is not yyyy-MM-dd"));
        }

        var onDuty = Flag(errors, S("ZT"), nameof(Core.Kinds.Inspector.Status), "ZT");
        var inspector = new Inspector
        {
            CertificateNumber = S("ZFZH").Trim(),
            Name = S("XM"),
            DepartmentCode = S("BMBM"),
            IdNumber = S("ZJHM") is { Length: > 0 } id ? new IdNumber(id) : null,
            CertificateValidTo = validTo,
            Expertise = [.. S("YWZC").Split('、', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
            RecusalScope = WireText.List(json["HBFW"], "HBFW", errors),
            Status = onDuty ? InspectorStatus.OnDuty : InspectorStatus.Transferred,
            Provenance = new Provenance(SupClient.Partner, "SUP/inspectors", Time(errors, S("GXSJ"))),
        };

        // The ID number is sensitive: the kept payload has it masked, like everything the hub prints.
        var payload = (JObject)json.DeepClone();
        if (inspector.IdNumber is { } masked)
        {
            payload["ZJHM"] = masked.ToString();
        }

        return Finish(inspector, errors, validator.Validate, inspector.CertificateNumber, location, payload);
    }

    /// <summary>An account: JS is a comma list of role codes (01 administrator, 02 planner, 03 inspector, 04 supervisor).</summary>
    public static PulledRecord<User> User(JObject json, string location, CanonicalValidator validator)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(validator);
        var errors = new List<FieldError>();
        string S(string name) => WireText.Of(json, name, errors);
        var roles = UserRoles.None;
        foreach (var code in S("JS").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            roles |= code switch
            {
                "01" => UserRoles.Administrator,
                "02" => UserRoles.Planner,
                "03" => UserRoles.Inspector,
                "04" => UserRoles.Supervisor,
                _ => Error<UserRoles>(errors, nameof(Core.Kinds.User.Roles), $"JS role '{code}' is not 01-04"),
            };
        }

        var user = new User
        {
            LoginName = S("DLZH"),
            DisplayName = S("XM"),
            DepartmentCode = S("BMBM"),
            Roles = roles,
            Enabled = Flag(errors, S("ZT"), nameof(Core.Kinds.User.Enabled), "ZT"),
            Provenance = new Provenance(SupClient.Partner, "SUP/users", Time(errors, S("GXSJ"))),
        };
        return Finish(user, errors, validator.Validate, user.LoginName, location, json);
    }

    /// <summary>An inspection item (抽查事项): JCFS a comma list of methods 1-4, SXLB 2 for a key item.</summary>
    public static PulledRecord<InspectionItem> Item(JObject json, string location, CanonicalValidator validator)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(validator);
        var errors = new List<FieldError>();
        string S(string name) => WireText.Of(json, name, errors);
        var methods = new List<CheckMethod>();
        foreach (var code in S("JCFS").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (code is "1" or "2" or "3" or "4")
            {
                methods.Add((CheckMethod)int.Parse(code, CultureInfo.InvariantCulture));
            }
            else
            {
                errors.Add(new FieldError(nameof(InspectionItem.Methods), $"JCFS method '{code}' is not 1-4"));
            }
        }

        var item = new InspectionItem
        {
            Code = S("SXBM"),
            Name = S("SXMC"),
            OwnerDepartmentCode = S("BMBM"),
            Field = S("CCLY"),
            Content = S("JCNR"),
            LegalBasis = S("YJ"),
            Methods = methods,
            TargetScope = S("DXFW"),
            IsKeyItem = S("SXLB") switch { "2" => true, "1" => false, var other => Error<bool>(errors, nameof(InspectionItem.IsKeyItem), $"SXLB '{other}' is not 1 or 2") },
            Active = Flag(errors, S("ZT"), nameof(InspectionItem.Active), "ZT"),
            Provenance = new Provenance(SupClient.Partner, "SUP/items", Time(errors, S("GXSJ"))),
        };
        return Finish(item, errors, validator.Validate, item.Code, location, json);
    }

    /// <summary>An enterprise's evaluation of an inspection (MYD 1-5; QD EWM QR code, PC or APP).</summary>
    public static PulledRecord<Evaluation> Evaluation(JObject json, string location, CanonicalValidator validator)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(validator);
        var errors = new List<FieldError>();
        string S(string name) => WireText.Of(json, name, errors);
        var rating = int.TryParse(S("MYD"), NumberStyles.None, CultureInfo.InvariantCulture, out var r) && r is >= 1 and <= 5
            ? r : Error<int>(errors, nameof(Core.Kinds.Evaluation.Rating), $"MYD '{S("MYD")}' is not 1-5");
        var channel = S("QD") switch
        {
            "EWM" => EvaluationChannel.QrCode,
            "PC" => EvaluationChannel.Web,
            "APP" => EvaluationChannel.App,
            var other => Error<EvaluationChannel>(errors, nameof(Core.Kinds.Evaluation.Channel), $"QD '{other}' is not EWM, PC or APP"),
        };
        var evaluation = new Evaluation
        {
            Id = S("PJID"),
            TaskNumber = S("RWBH"),
            TargetCreditCode = S("TYSHXYDM").Trim().ToUpperInvariant(),
            Rating = rating,
            Comment = S("PJNR"),
            SubmittedAt = Time(errors, S("PJSJ")),
            Channel = channel,
            Provenance = new Provenance(SupClient.Partner, "SUP/evaluations", Time(errors, S("GXSJ") is { Length: > 0 } g ? g : S("PJSJ"))),
        };
        return Finish(evaluation, errors, validator.Validate, evaluation.Id, location, json);
    }

    /// <summary>A task's progress at SUP (GET /tasks): ZT 0 not started, 1 in progress, 2 completed, 3 overdue; YJDJ G/Y/R.</summary>
    public static PulledRecord<TaskProgress> TaskProgress(JObject json, string location, CanonicalValidator validator)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(validator);
        var errors = new List<FieldError>();
        string S(string name) => WireText.Of(json, name, errors);
        var status = S("ZT") switch
        {
            "0" => InspectionTaskStatus.NotStarted,
            "1" => InspectionTaskStatus.InProgress,
            "2" => InspectionTaskStatus.Completed,
            "3" => InspectionTaskStatus.Overdue,
            var other => Error<InspectionTaskStatus>(errors, nameof(Core.Kinds.TaskProgress.Status), $"ZT '{other}' is not 0-3"),
        };
        var light = S("YJDJ") switch
        {
            "G" => WarningLight.Green,
            "Y" => WarningLight.Yellow,
            "R" => WarningLight.Red,
            var other => Error<WarningLight>(errors, nameof(Core.Kinds.TaskProgress.WarningLight), $"YJDJ '{other}' is not G, Y or R"),
        };
        if (S("RWBH").Length == 0)
        {
            errors.Add(new FieldError(nameof(Core.Kinds.TaskProgress.TaskNumber), "RWBH is empty"));
        }

        var progress = new TaskProgress
        {
            TaskNumber = S("RWBH"),
            PlanCode = S("JHBM"),
            Status = status,
            WarningLight = light,
            Provenance = new Provenance(SupClient.Partner, "SUP/tasks", Time(errors, S("GXSJ"))),
        };
        return Finish(progress, errors, _ => [], progress.TaskNumber, location, json);
    }

    /// <summary>A plan with SUP's review: SHZT 0 pending, 1 approved, 2 returned; SHYJ the opinion.</summary>
    public static PulledRecord<Plan> Plan(JObject json, string location, CanonicalValidator validator)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(validator);
        var errors = new List<FieldError>();
        string S(string name) => WireText.Of(json, name, errors);
        int Int(string name, string field) => int.TryParse(S(name), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : Error<int>(errors, field, $"{name} '{S(name)}' is not a number");
        var state = S("SHZT") switch
        {
            "0" => ReviewState.Pending,
            "1" => ReviewState.Approved,
            "2" => ReviewState.Returned,
            var other => Error<ReviewState>(errors, nameof(Core.Kinds.Plan.ReviewState), $"SHZT '{other}' is not 0, 1 or 2"),
        };
        var ratio = decimal.TryParse(S("CCBL").TrimEnd('%'), NumberStyles.Number, CultureInfo.InvariantCulture, out var r) ? r
            : Error<decimal>(errors, nameof(Core.Kinds.Plan.RatioPercent), $"CCBL '{S("CCBL")}' is not a percentage");
        var frequency = S("CCPC") switch
        {
            "1次/年" => PlanFrequency.OncePerYear,
            "2次/年" => PlanFrequency.TwicePerYear,
            "4次/年" => PlanFrequency.Quarterly,
            var other => Error<PlanFrequency>(errors, nameof(Core.Kinds.Plan.Frequency), $"CCPC '{other}' is not 1次/年, 2次/年 or 4次/年"),
        };
        var methods = new List<CheckMethod>();
        foreach (var code in S("JCFS").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (code is "1" or "2" or "3" or "4")
            {
                methods.Add((CheckMethod)int.Parse(code, CultureInfo.InvariantCulture));
            }
            else
            {
                errors.Add(new FieldError(nameof(Core.Kinds.Plan.Methods), $"JCFS method '{code}' is not 1-4"));
            }
        }

        var plan = new Plan
        {
            Code = S("JHBM"),
            Name = S("JHMC"),
            Year = Int("ND", nameof(Core.Kinds.Plan.Year)),
            InitiatingDepartmentCode = S("FQBM"),
            Participants = [.. (json["PHBM"] as JArray ?? []).OfType<JObject>().Select(p => new PlanParticipant
            {
                DepartmentCode = WireText.Of(p["BMBM"], "PHBM.BMBM", errors),
                ItemCodes = WireText.List(p["SXBM"], "PHBM.SXBM", errors),
            })],
            TargetScope = S("DXFW"),
            RatioPercent = ratio,
            Frequency = frequency,
            StartMonth = Int("KSYF", nameof(Core.Kinds.Plan.StartMonth)),
            EndMonth = Int("JSYF", nameof(Core.Kinds.Plan.EndMonth)),
            Methods = methods,
            ReviewState = state,
            ReviewOpinion = S("SHYJ") is { Length: > 0 } opinion ? opinion : null,
            Provenance = new Provenance(SupClient.Partner, "SUP/plans", Time(errors, S("GXSJ"))),
        };
        return Finish(plan, errors, validator.Validate, plan.Code, location, json);
    }

    /// <summary>SUP outcome code → outcome, the first listed outcome for a code (as a search of the publisher's list finds it).</summary>
    private static readonly Dictionary<string, ResultOutcome> OutcomeByCode = SupervisionPublisher.Outcomes
        .GroupBy(o => o.Value, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.First().Key, StringComparer.Ordinal);

    /// <summary>A result as SUP holds it (entered through the mobile app, or pushed by the hub), keyed RWBH|TYSHXYDM|BMBM.</summary>
    public static PulledRecord<InspectionResult> Result(JObject json, string location, CanonicalValidator validator) =>
        Result(SupResultWire.From(json), location, validator);

    /// <summary>As <see cref="Result(JObject, string, CanonicalValidator)"/>, from the fields as read off the page (the pull's path).</summary>
    public static PulledRecord<InspectionResult> Result(SupResultWire wire, string location, CanonicalValidator validator)
    {
        ArgumentNullException.ThrowIfNull(wire);
        ArgumentNullException.ThrowIfNull(validator);
        var errors = new List<FieldError>(wire.Errors); // fields of the wrong JSON type refuse the record, not the page
        var outcome = OutcomeByCode.GetValueOrDefault(wire.Jcjg);
        if (outcome == default)
        {
            errors.Add(new FieldError(nameof(InspectionResult.Outcome), $"JCJG '{wire.Jcjg}' is not an outcome code (01-09, 99)"));
        }

        var method = wire.Jcfs is "1" or "2" or "3" or "4" ? (CheckMethod)(wire.Jcfs[0] - '0')
            : Error<CheckMethod>(errors, nameof(InspectionResult.Method), $"JCFS '{wire.Jcfs}' is not 1-4");
        var inspected = Date(errors, wire.Jcrq, "JCRQ", nameof(InspectionResult.InspectedOn)) ?? default;
        var entered = wire.Lrrq.Length == 0 ? null : Date(errors, wire.Lrrq, "LRRQ", nameof(InspectionResult.EnteredOn));
        var result = new InspectionResult
        {
            TaskNumber = wire.Rwbh,
            TargetCreditCode = wire.Tyshxydm.Trim().ToUpperInvariant(),
            DepartmentCode = wire.Bmbm,
            Outcome = outcome,
            Findings = wire.Wtms,
            InspectorCertificateNumbers = wire.Jcry,
            Method = method,
            InspectedOn = inspected,
            EnteredOn = entered,
            Provenance = new Provenance(SupClient.Partner, "SUP/results", Time(errors, wire.Gxsj)),
        };
        return Finish(result, errors, validator.Validate, $"{result.TaskNumber}|{result.TargetCreditCode}|{result.DepartmentCode}", location, wire.Payload);
    }

    private static DateOnly? Date(List<FieldError> errors, string value, string wire, string field)
    {
        if (FixedDate(value, out var date) || DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            return date;
        }

        errors.Add(new FieldError(field, $"{wire} '{value}' is not yyyy-MM-dd"));
        return null;
    }

    private static PulledRecord<T> Finish<T>(T record, List<FieldError> errors, Func<T, IReadOnlyList<FieldError>> validate, string key, string location, JObject payload)
        where T : class => Finish(record, errors, validate, key, location, () => payload.ToString(Newtonsoft.Json.Formatting.None));

    private static PulledRecord<T> Finish<T>(T record, List<FieldError> errors, Func<T, IReadOnlyList<FieldError>> validate, string key, string location, Func<string> payload)
        where T : class
    {
        if (errors.Count == 0)
        {
            errors.AddRange(validate(record));
        }

        return new PulledRecord<T>(errors.Count == 0 ? record : null, key, location, payload, errors);
    }

    private static T Error<T>(List<FieldError> errors, string field, string reason)
        where T : struct
    {
        errors.Add(new FieldError(field, reason));
        return default;
    }

    private static bool Flag(List<FieldError> errors, string value, string field, string wire)
    {
        if (value is "1" or "0")
        {
            return value == "1";
        }

        errors.Add(new FieldError(field, $"{wire} '{value}' is not \"1\" or \"0\""));
        return false;
    }

    private static DateTimeOffset Time(List<FieldError> errors, string value)
    {
        if (FixedTime(value, out var local) || DateTime.TryParseExact(value, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out local))
        {
            return ChinaTime.FromLocal(local);
        }

        errors.Add(new FieldError(nameof(Provenance), $"GXSJ '{value}' is not yyyy-MM-dd HH:mm:ss"));
        return default;
    }

    // Fast paths for the fixed formats SUP sends; anything they do not take goes to TryParseExact, so what is
    // accepted, and every refusal's wording, is the same as with TryParseExact alone.
    private static bool FixedDate(string value, out DateOnly date)
    {
        date = default;
        if (value.Length != 10 || value[4] != '-' || value[7] != '-'
            || !Digits(value, 0, 4, out var year) || !Digits(value, 5, 2, out var month) || !Digits(value, 8, 2, out var day)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }

    private static bool FixedTime(string value, out DateTime time)
    {
        time = default;
        if (value.Length != 19 || value[10] != ' ' || value[13] != ':' || value[16] != ':' || !FixedDate(value[..10], out var date)
            || !Digits(value, 11, 2, out var hour) || !Digits(value, 14, 2, out var minute) || !Digits(value, 17, 2, out var second)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        time = date.ToDateTime(new TimeOnly(hour, minute, second));
        return true;
    }

    private static bool Digits(string value, int start, int count, out int number)
    {
        number = 0;
        for (var i = start; i < start + count; i++)
        {
            var c = value[i];
            if (c is < '0' or > '9')
            {
                return false;
            }

            number = (number * 10) + (c - '0');
        }

        return true;
    }
}
