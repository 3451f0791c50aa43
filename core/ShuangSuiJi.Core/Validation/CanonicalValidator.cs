using ShuangSuiJi.Core.Codes;
using ShuangSuiJi.Core.Kinds;

namespace ShuangSuiJi.Core.Validation;

/// <summary>
/// Field rules for the eight kinds. Every method collects every problem rather than stopping at the first,
/// so a rejected record says all that is wrong with it at once.
/// </summary>
/// <param name="today">The date "in the future" is measured against, in China Standard Time.</param>
public sealed class CanonicalValidator(DateOnly today)
{
    /// <summary>Earliest date any record may carry: registration and enforcement records start after 1949.</summary>
    public static readonly DateOnly EarliestDate = new(1949, 10, 1);

    public IReadOnlyList<FieldError> Validate(Department department)
    {
        ArgumentNullException.ThrowIfNull(department);
        var errors = new List<FieldError>();
        Required(errors, nameof(Department.Code), department.Code);
        Required(errors, nameof(Department.Name), department.Name);
        Region(errors, nameof(Department.RegionCode), department.RegionCode);
        Defined(errors, nameof(Department.Level), department.Level);
        Defined(errors, nameof(Department.LineOfWork), department.LineOfWork);
        if (department.CreditCode is { } code)
        {
            CreditCode(errors, nameof(Department.CreditCode), code);
        }

        if (department.ParentCode == department.Code)
        {
            errors.Add(new(nameof(Department.ParentCode), "is the department itself"));
        }

        if (department.Level != DepartmentLevel.Province && string.IsNullOrEmpty(department.ParentCode))
        {
            errors.Add(new(nameof(Department.ParentCode), $"is empty, but a {department.Level} department has a parent"));
        }

        Provenance(errors, department.Provenance);
        return errors;
    }

    public IReadOnlyList<FieldError> Validate(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var errors = new List<FieldError>();
        Required(errors, nameof(User.LoginName), user.LoginName);
        Required(errors, nameof(User.DisplayName), user.DisplayName);
        Required(errors, nameof(User.DepartmentCode), user.DepartmentCode);
        if (user.Roles == UserRoles.None || (user.Roles & ~(UserRoles.Administrator | UserRoles.Planner | UserRoles.Inspector | UserRoles.Supervisor)) != 0)
        {
            errors.Add(new(nameof(User.Roles), $"'{user.Roles}' is not a set of known roles"));
        }

        Provenance(errors, user.Provenance);
        return errors;
    }

    public IReadOnlyList<FieldError> Validate(InspectionItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var errors = new List<FieldError>();
        Required(errors, nameof(InspectionItem.Code), item.Code);
        Required(errors, nameof(InspectionItem.Name), item.Name);
        Required(errors, nameof(InspectionItem.OwnerDepartmentCode), item.OwnerDepartmentCode);
        Required(errors, nameof(InspectionItem.Field), item.Field);
        Methods(errors, nameof(InspectionItem.Methods), item.Methods);
        Provenance(errors, item.Provenance);
        return errors;
    }

    public IReadOnlyList<FieldError> Validate(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var errors = new List<FieldError>();
        Required(errors, nameof(Plan.Code), plan.Code);
        Required(errors, nameof(Plan.Name), plan.Name);
        Required(errors, nameof(Plan.InitiatingDepartmentCode), plan.InitiatingDepartmentCode);
        if (plan.Year < 2015 || plan.Year > today.Year + 1)
        {
            errors.Add(new(nameof(Plan.Year), $"{plan.Year} is outside 2015..{today.Year + 1}"));
        }

        if (plan.Participants.Count == 0)
        {
            errors.Add(new(nameof(Plan.Participants), "is empty; the initiating department at least takes part"));
        }
        else if (!plan.Participants.Any(p => p.DepartmentCode == plan.InitiatingDepartmentCode))
        {
            errors.Add(new(nameof(Plan.Participants), $"does not include the initiating department {plan.InitiatingDepartmentCode}"));
        }

        for (var i = 0; i < plan.Participants.Count; i++)
        {
            var participant = plan.Participants[i];
            Required(errors, $"{nameof(Plan.Participants)}[{i}].{nameof(PlanParticipant.DepartmentCode)}", participant.DepartmentCode);
            if (participant.ItemCodes.Count == 0)
            {
                errors.Add(new($"{nameof(Plan.Participants)}[{i}].{nameof(PlanParticipant.ItemCodes)}", $"department {participant.DepartmentCode} checks no item"));
            }
        }

        if (plan.RatioPercent is <= 0 or > 100)
        {
            errors.Add(new(nameof(Plan.RatioPercent), $"{plan.RatioPercent}% is outside (0, 100]"));
        }

        Defined(errors, nameof(Plan.Frequency), plan.Frequency);
        Month(errors, nameof(Plan.StartMonth), plan.StartMonth);
        Month(errors, nameof(Plan.EndMonth), plan.EndMonth);
        if (plan.EndMonth < plan.StartMonth)
        {
            errors.Add(new(nameof(Plan.EndMonth), $"month {plan.EndMonth} is before the start month {plan.StartMonth}"));
        }

        Methods(errors, nameof(Plan.Methods), plan.Methods);
        Provenance(errors, plan.Provenance);
        return errors;
    }

    public IReadOnlyList<FieldError> Validate(InspectionTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var errors = new List<FieldError>();
        Required(errors, nameof(InspectionTask.TaskNumber), task.TaskNumber);
        Required(errors, nameof(InspectionTask.PlanCode), task.PlanCode);
        Required(errors, nameof(InspectionTask.Name), task.Name);
        Required(errors, nameof(InspectionTask.InitiatingDepartmentCode), task.InitiatingDepartmentCode);
        Date(errors, nameof(InspectionTask.WindowStart), task.WindowStart, allowFuture: true);
        Date(errors, nameof(InspectionTask.WindowEnd), task.WindowEnd, allowFuture: true);
        if (task.WindowEnd < task.WindowStart)
        {
            errors.Add(new(nameof(InspectionTask.WindowEnd), $"{task.WindowEnd:yyyy-MM-dd} is before the window start {task.WindowStart:yyyy-MM-dd}"));
        }

        if (task.CooperatingDepartmentCodes.Contains(task.InitiatingDepartmentCode))
        {
            errors.Add(new(nameof(InspectionTask.CooperatingDepartmentCodes), "lists the initiating department as cooperating too"));
        }

        Provenance(errors, task.Provenance);
        return errors;
    }

    public IReadOnlyList<FieldError> Validate(Target target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var errors = new List<FieldError>();
        CreditCode(errors, nameof(Target.CreditCode), target.CreditCode);
        Required(errors, nameof(Target.Name), target.Name);
        Defined(errors, nameof(Target.EntityType), target.EntityType);
        Region(errors, nameof(Target.RegionCode), target.RegionCode);
        Required(errors, nameof(Target.RegistrationAuthorityCode), target.RegistrationAuthorityCode);
        Date(errors, nameof(Target.EstablishedOn), target.EstablishedOn, allowFuture: false);
        Defined(errors, nameof(Target.Status), target.Status);
        if (target.IndustryCode is not { Length: 5 } industry || industry[0] is < 'A' or > 'T' || industry.AsSpan(1).ContainsAnyExceptInRange('0', '9'))
        {
            errors.Add(new(nameof(Target.IndustryCode), $"'{target.IndustryCode}' is not a GB/T 4754 section letter (A-T) and four digits"));
        }

        if (target.RiskGrade is { } grade)
        {
            Defined(errors, nameof(Target.RiskGrade), grade);
        }

        Provenance(errors, target.Provenance);
        return errors;
    }

    public IReadOnlyList<FieldError> Validate(Inspector inspector)
    {
        ArgumentNullException.ThrowIfNull(inspector);
        var errors = new List<FieldError>();
        if (CertificateNumber.Problem(inspector.CertificateNumber) is { } certificate)
        {
            errors.Add(new(nameof(Inspector.CertificateNumber), certificate));
        }

        Required(errors, nameof(Inspector.Name), inspector.Name);
        Required(errors, nameof(Inspector.DepartmentCode), inspector.DepartmentCode);
        Date(errors, nameof(Inspector.CertificateValidTo), inspector.CertificateValidTo, allowFuture: true);
        if (inspector.CertificateValidFrom is { } from)
        {
            Date(errors, nameof(Inspector.CertificateValidFrom), from, allowFuture: true);
            if (from > inspector.CertificateValidTo)
            {
                errors.Add(new(nameof(Inspector.CertificateValidTo), $"{inspector.CertificateValidTo:yyyy-MM-dd} is before the certificate's first valid day {from:yyyy-MM-dd}"));
            }
        }

        if (inspector.IdNumber is { } id && !IdNumber.IsWellFormed(id.Value))
        {
            // The message shows the masked form only: the number is sensitive even when wrong.
            errors.Add(new(nameof(Inspector.IdNumber), $"'{id}' is not 17 digits followed by a digit or X"));
        }

        for (var i = 0; i < inspector.RecusalScope.Count; i++)
        {
            CreditCode(errors, $"{nameof(Inspector.RecusalScope)}[{i}]", inspector.RecusalScope[i]);
        }

        Defined(errors, nameof(Inspector.Status), inspector.Status);
        Provenance(errors, inspector.Provenance);
        return errors;
    }

    public IReadOnlyList<FieldError> Validate(InspectionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var errors = new List<FieldError>();
        Required(errors, nameof(InspectionResult.TaskNumber), result.TaskNumber);
        CreditCode(errors, nameof(InspectionResult.TargetCreditCode), result.TargetCreditCode);
        Required(errors, nameof(InspectionResult.DepartmentCode), result.DepartmentCode);
        Defined(errors, nameof(InspectionResult.Outcome), result.Outcome);
        Defined(errors, nameof(InspectionResult.Method), result.Method);
        Date(errors, nameof(InspectionResult.InspectedOn), result.InspectedOn, allowFuture: false);
        if (result.EnteredOn is { } entered)
        {
            Date(errors, nameof(InspectionResult.EnteredOn), entered, allowFuture: false);
            if (entered < result.InspectedOn)
            {
                errors.Add(new(nameof(InspectionResult.EnteredOn), $"{entered:yyyy-MM-dd} is before the check on {result.InspectedOn:yyyy-MM-dd}"));
            }
        }

        if (result.PublicisedOn is { } publicised && publicised < result.InspectedOn)
        {
            errors.Add(new(nameof(InspectionResult.PublicisedOn), $"{publicised:yyyy-MM-dd} is before the check on {result.InspectedOn:yyyy-MM-dd}"));
        }

        if (result.InspectorCertificateNumbers.Count < 2)
        {
            errors.Add(new(nameof(InspectionResult.InspectorCertificateNumbers), $"names {result.InspectorCertificateNumbers.Count} inspector(s); a check needs at least two"));
        }

        Provenance(errors, result.Provenance);
        return errors;
    }

    public IReadOnlyList<FieldError> Validate(Evaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        var errors = new List<FieldError>();
        Required(errors, nameof(Evaluation.Id), evaluation.Id);
        Required(errors, nameof(Evaluation.TaskNumber), evaluation.TaskNumber);
        CreditCode(errors, nameof(Evaluation.TargetCreditCode), evaluation.TargetCreditCode);
        if (evaluation.Rating is < 1 or > 5)
        {
            errors.Add(new(nameof(Evaluation.Rating), $"{evaluation.Rating} is outside 1..5"));
        }

        Date(errors, nameof(Evaluation.SubmittedAt), DateOnly.FromDateTime(evaluation.SubmittedAt.Date), allowFuture: false);
        Defined(errors, nameof(Evaluation.Channel), evaluation.Channel);
        Provenance(errors, evaluation.Provenance);
        return errors;
    }

    private static void Required(List<FieldError> errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new(field, "is required"));
        }
    }

    private static void CreditCode(List<FieldError> errors, string field, string? code)
    {
        var check = Uscc.Check(code);
        if (!check.IsValid)
        {
            errors.Add(new(field, $"'{code}' {check.Reason}"));
        }
    }

    private static void Region(List<FieldError> errors, string field, string? code)
    {
        if (RegionCode.Problem(code) is { } problem)
        {
            errors.Add(new(field, problem));
        }
    }

    private static void Defined<TEnum>(List<FieldError> errors, string field, TEnum value)
        where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            errors.Add(new(field, $"'{value}' is not a known {typeof(TEnum).Name}"));
        }
    }

    private static void Month(List<FieldError> errors, string field, int month)
    {
        if (month is < 1 or > 12)
        {
            errors.Add(new(field, $"{month} is not a month 1..12"));
        }
    }

    private static void Methods(List<FieldError> errors, string field, IReadOnlyList<CheckMethod> methods)
    {
        if (methods.Count == 0)
        {
            errors.Add(new(field, "names no check method"));
        }

        foreach (var method in methods.Where(m => !Enum.IsDefined(m)))
        {
            errors.Add(new(field, $"'{method}' is not a known check method"));
        }
    }

    private void Date(List<FieldError> errors, string field, DateOnly date, bool allowFuture)
    {
        if (date < EarliestDate)
        {
            errors.Add(new(field, $"{date:yyyy-MM-dd} is before {EarliestDate:yyyy-MM-dd}"));
        }
        else if (!allowFuture && date > today)
        {
            errors.Add(new(field, $"{date:yyyy-MM-dd} is in the future (today is {today:yyyy-MM-dd})"));
        }
    }

    private static void Provenance(List<FieldError> errors, Provenance? provenance)
    {
        if (provenance is null || string.IsNullOrWhiteSpace(provenance.Partner) || string.IsNullOrWhiteSpace(provenance.Exchange))
        {
            errors.Add(new(nameof(Kinds.Provenance), "must name the partner and the exchange"));
        }
    }
}
