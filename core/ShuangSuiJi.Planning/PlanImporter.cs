using System.Globalization;
using ShuangSuiJi.Core.Kinds;

namespace ShuangSuiJi.Planning;

/// <summary>
/// Turns a plan sheet as counties write it into plans and findings (DOMAIN.md, "Example annual-plan lines"): one
/// plan over several rows, the plan's cells blank below its first row, a cooperating department continuing until
/// another is named, a ratio on a department's own row applying to that department. Nothing is dropped or guessed.
/// </summary>
public sealed class PlanImporter(DepartmentResolver resolver)
{
    private static readonly (string Key, string[] Headers)[] Columns =
    [
        ("number", ["序号"]),
        ("field", ["抽查领域", "领域"]),
        ("name", ["计划名称", "抽查计划名称", "任务名称"]),
        ("initiator", ["发起部门"]),
        ("cooperator", ["配合部门", "参与部门", "联合部门"]),
        ("item", ["具体抽查事项", "抽查事项", "检查事项"]),
        ("scope", ["抽查对象范围", "检查对象范围", "抽查对象"]),
        ("ratio", ["抽查比例及频率", "抽查比例和频次", "抽查比例", "比例及频次"]),
        ("months", ["抽查时间", "实施时间", "时间安排"]),
        ("methods", ["抽查方式", "检查方式"]),
    ];

    public PlanImportResult Import(IReadOnlyList<string[]> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var findings = new List<PlanFinding>();
        var headerRow = -1;
        Dictionary<string, int> column = [];
        for (var r = 0; r < rows.Count && headerRow < 0; r++)
        {
            var map = MapHeader(rows[r]);
            if (map.ContainsKey("name") && map.ContainsKey("initiator"))
            {
                headerRow = r;
                column = map;
            }
        }

        if (headerRow < 0)
        {
            findings.Add(new PlanFinding(1, "", "", "no header row with 计划名称 and 发起部门 was found; nothing imported", Refused: true));
            return new PlanImportResult([], findings);
        }

        foreach (var (key, headers) in Columns.Where(c => !column.ContainsKey(c.Key)))
        {
            findings.Add(new PlanFinding(headerRow + 1, headers[0], "", $"column {headers[0]} is missing; its values are empty"));
        }

        var plans = new List<ImportedPlan>();
        Draft? draft = null;
        for (var r = headerRow + 1; r < rows.Count; r++)
        {
            var row = rows[r];
            string Cell(string key) => column.TryGetValue(key, out var c) && c < row.Length ? row[c].Trim() : "";
            if (row.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            var startsPlan = Cell("number").Length > 0 || Cell("name").Length > 0;
            if (startsPlan)
            {
                if (draft is not null)
                {
                    plans.Add(draft.Finish(findings));
                }

                draft = new Draft(r + 1, Cell, resolver, findings, plans.Count + 1);
            }
            else if (draft is null)
            {
                findings.Add(new PlanFinding(r + 1, "计划名称", "", "a row before any plan's first row (no 序号 or 计划名称 above it); skipped, kept here", Refused: true));
                continue;
            }

            draft.AddRow(r + 1, Cell);
        }

        if (draft is not null)
        {
            plans.Add(draft.Finish(findings));
        }

        return new PlanImportResult(plans, findings);
    }

    private static Dictionary<string, int> MapHeader(string[] row)
    {
        var map = new Dictionary<string, int>();
        for (var c = 0; c < row.Length; c++)
        {
            var header = row[c].Replace(" ", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal);
            foreach (var (key, headers) in Columns)
            {
                if (!map.ContainsKey(key) && headers.Contains(header))
                {
                    map[key] = c;
                }
            }
        }

        return map;
    }

    /// <summary>A plan being read, row by row.</summary>
    private sealed class Draft
    {
        private readonly int _row;
        private readonly DepartmentResolver _resolver;
        private readonly List<PlanFinding> _findings;
        private readonly int _ordinal;
        private readonly string _number, _field, _name, _initiator, _scope, _ratioCell, _monthsCell, _methodsCell;
        private readonly List<(string Name, List<string> Items, decimal? Ratio)> _departments = [];

        public Draft(int row, Func<string, string> cell, DepartmentResolver resolver, List<PlanFinding> findings, int ordinal)
        {
            _row = row;
            _resolver = resolver;
            _findings = findings;
            _ordinal = ordinal;
            _number = cell("number");
            _field = cell("field");
            _name = cell("name");
            _initiator = cell("initiator");
            _scope = cell("scope");
            _ratioCell = cell("ratio");
            _monthsCell = cell("months");
            _methodsCell = cell("methods");
        }

        public void AddRow(int row, Func<string, string> cell)
        {
            var cooperator = cell("cooperator");
            var item = cell("item");
            var isFirst = row == _row;
            if (cooperator.Length > 0)
            {
                // Two departments in one cell, separated by a space, share the row's item.
                foreach (var name in cooperator.Split([' ', '　', '、'], StringSplitOptions.RemoveEmptyEntries))
                {
                    var ratio = isFirst ? null : OwnRatio(row, cell("ratio"));
                    _departments.Add((name, item.Length > 0 ? [item] : [], ratio));
                }
            }
            else if (_departments.Count > 0)
            {
                if (item.Length > 0)
                {
                    _departments[^1].Items.Add(item);
                }
            }
            else
            {
                // No cooperating department named yet: the initiating department checks the item itself.
                _departments.Add((_initiator, item.Length > 0 ? [item] : [], null));
            }

            if (!isFirst)
            {
                foreach (var (key, header) in new[] { ("field", "抽查领域"), ("initiator", "发起部门"), ("scope", "抽查对象范围"), ("months", "抽查时间"), ("methods", "抽查方式") })
                {
                    var value = cell(key);
                    var first = key switch { "field" => _field, "initiator" => _initiator, "scope" => _scope, "months" => _monthsCell, _ => _methodsCell };
                    if (value.Length > 0 && value != first)
                    {
                        _findings.Add(new PlanFinding(row, header, value, $"differs from the plan's first row ('{first}'); the first row's value is kept"));
                    }
                }
            }
        }

        private decimal? OwnRatio(int row, string text)
        {
            if (text.Length == 0)
            {
                return null;
            }

            var (ratio, _, problem) = RatioFrequency.Parse(text);
            if (problem is not null)
            {
                _findings.Add(new PlanFinding(row, "抽查比例及频率", text, $"department's own ratio not read: {problem}", Refused: true));
            }

            return ratio;
        }

        public ImportedPlan Finish(List<PlanFinding> findings)
        {
            var number = int.TryParse(_number, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : _ordinal;
            if (_number.Length > 0 && number != n)
            {
                findings.Add(new PlanFinding(_row, "序号", _number, $"not a number; plan numbered {number} by its position"));
            }

            if (_name.Length == 0)
            {
                findings.Add(new PlanFinding(_row, "计划名称", "", "the plan has no name", Refused: true));
            }

            var (ratio, perYear, ratioProblem) = RatioFrequency.Parse(_ratioCell);
            if (ratioProblem is not null)
            {
                findings.Add(new PlanFinding(_row, "抽查比例及频率", _ratioCell, ratioProblem, Refused: true));
            }

            var (start, end, monthsProblem) = RatioFrequency.Months(_monthsCell);
            if (monthsProblem is not null)
            {
                findings.Add(new PlanFinding(_row, "抽查时间", _monthsCell, monthsProblem, Refused: true));
            }

            var monthsPerYear = RatioFrequency.PerYear(_monthsCell);
            if (monthsPerYear is { } m && perYear is { } p && m != p)
            {
                findings.Add(new PlanFinding(_row, "抽查比例及频率", $"{_ratioCell} | {_monthsCell}",
                    $"ambiguous: the ratio column says {p} time(s) a year, the months column {m}; the ratio column's {p} is kept", Refused: false));
            }

            perYear ??= monthsPerYear;
            if (perYear is null && ratio is not null)
            {
                findings.Add(new PlanFinding(_row, "抽查比例及频率", _ratioCell, "no frequency given; once a year assumed"));
                perYear = 1;
            }

            var (methods, notes) = CheckMethods.Parse(_methodsCell);
            foreach (var (_, note, refused) in notes)
            {
                findings.Add(new PlanFinding(_row, "抽查方式", _methodsCell, note, refused));
            }

            if (methods.Count == 0 && _methodsCell.Length == 0)
            {
                findings.Add(new PlanFinding(_row, "抽查方式", "", "no check method given", Refused: true));
            }

            var initiator = _resolver.Resolve(_initiator);
            if (initiator.Problem is not null)
            {
                findings.Add(new PlanFinding(_row, "发起部门", _initiator, initiator.Problem, Refused: true));
            }

            var departments = new List<ImportedDepartment>();
            foreach (var (name, items, ownRatio) in _departments)
            {
                var resolved = _resolver.Resolve(name);
                if (resolved.Problem is not null)
                {
                    findings.Add(new PlanFinding(_row, "配合部门", name, resolved.Problem, Refused: true));
                }

                if (items.Count == 0)
                {
                    findings.Add(new PlanFinding(_row, "具体抽查事项", "", $"department '{name}' has no inspection item", Refused: true));
                }

                var existing = departments.FindIndex(d => d.Name == name);
                if (existing >= 0)
                {
                    departments[existing] = departments[existing] with { Items = [.. departments[existing].Items, .. items] };
                }
                else
                {
                    departments.Add(new ImportedDepartment(name, resolved.Department?.Code, items, ownRatio));
                }
            }

            return new ImportedPlan
            {
                Number = number,
                Field = _field,
                Name = _name,
                InitiatingDepartment = _initiator,
                InitiatingDepartmentCode = initiator.Department?.Code,
                Departments = departments,
                TargetScope = _scope,
                Ratio = ratio,
                FrequencyPerYear = perYear,
                StartMonth = start,
                EndMonth = end,
                Methods = [.. methods.Select(x => CheckMethods.Words[x])],
                Row = _row,
            };
        }
    }
}
