using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Draw.Randomness;

namespace ShuangSuiJi.Draw.InspectorAssignment;

/// <summary>
/// Assigns inspectors to drawn targets, department by department (docs/draw-spec.md §6): filters each roster to
/// inspectors who may serve, then finds a feasible assignment of <c>m</c> distinct inspectors per target under
/// recusal, the cross-region option and a load cap, as a bipartite b-matching: a randomised greedy pass followed by
/// augmenting paths, which together reach a maximum matching (Ford–Fulkerson), so a target is reported uncovered
/// only when no valid assignment can cover it at that cap. The cap starts at ceil(average) and is raised only when
/// the roster forces it, and the result says so.
/// </summary>
public static class InspectorAssigner
{
    /// <summary>Runs the assignment with streams <c>assign/{department code}</c> of the seed.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than two inspectors per target requested.</exception>
    public static AssignmentResult Assign(AssignmentRequest request, ReadOnlySpan<byte> seed)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.InspectorsPerTarget < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.InspectorsPerTarget, "InspectorsPerTarget must be at least 2: every check needs two inspectors.");
        }

        var targets = request.Targets.OrderBy(t => t.CreditCode, StringComparer.Ordinal).ToArray();
        var assignments = new List<Assignment>();
        var uncovered = new List<Uncovered>();
        var excluded = new List<ExcludedInspector>();
        var loads = new List<DepartmentLoad>();
        foreach (var department in request.Departments)
        {
            using var random = new DrawRandom(seed, $"assign/{department.DepartmentCode}");
            var run = new DepartmentRun(request, department, targets, random);
            run.Execute();
            assignments.AddRange(run.Assignments());
            uncovered.AddRange(run.Uncovered());
            excluded.AddRange(run.Excluded);
            loads.Add(run.Load());
        }

        return new AssignmentResult { Assignments = assignments, Uncovered = uncovered, ExcludedInspectors = excluded, Loads = loads };
    }

    /// <summary>The assignment for one department: state and the algorithm's steps.</summary>
    private sealed class DepartmentRun
    {
        private readonly AssignmentRequest _request;
        private readonly AssignmentDepartment _department;
        private readonly AssignmentTarget[] _targets;
        private readonly DrawRandom _random;
        private readonly RosterInspector[] _eligible;
        private readonly int[][] _recused;
        private readonly int[] _targetRegion;
        private readonly int[] _inspectorRegion;
        private readonly int _m;
        private readonly int _cap0;
        private readonly int[][] _slots;
        private readonly int[] _filled;
        private readonly int[] _load;
        private readonly List<int>[] _held;
        private readonly int[] _available;
        private readonly int[] _availablePosition;
        private int _availableCount;
        private int _cap;
        private string? _note;

        public List<ExcludedInspector> Excluded { get; } = [];

        public DepartmentRun(AssignmentRequest request, AssignmentDepartment department, AssignmentTarget[] targets, DrawRandom random)
        {
            _request = request;
            _department = department;
            _targets = targets;
            _random = random;
            _m = request.InspectorsPerTarget;
            _eligible = [.. department.Roster.OrderBy(i => i.CertificateNumber, StringComparer.Ordinal).Where(IsEligible)];
            var targetIndex = new Dictionary<string, int>(targets.Length, StringComparer.Ordinal);
            for (var t = 0; t < targets.Length; t++)
            {
                targetIndex[targets[t].CreditCode] = t;
            }

            _recused = [.. _eligible.Select(i => i.RecusalScope.Select(code => targetIndex.TryGetValue(code, out var t) ? t : -1).Where(t => t >= 0).ToArray())];
            _targetRegion = [.. targets.Select(t => RegionNumber(t.RegionCode))];
            _inspectorRegion = [.. _eligible.Select(i => RegionNumber(i.RegionCode))];
            var n = _eligible.Length;
            _cap0 = n == 0 ? 0 : (int)Math.Ceiling(targets.Length * (double)_m / n);
            _cap = _cap0;
            _slots = [.. targets.Select(_ => new int[_m])];
            _filled = new int[targets.Length];
            _load = new int[n];
            _held = [.. Enumerable.Range(0, n).Select(_ => new List<int>())];
            _available = [.. Enumerable.Range(0, n)];
            _availablePosition = [.. Enumerable.Range(0, n)];
            _availableCount = _cap > 0 ? n : 0;
        }

        private static int RegionNumber(string code) => int.TryParse(code, out var value) ? value : -1;

        private bool IsEligible(RosterInspector inspector)
        {
            string? reason = null;
            if (inspector.Status != InspectorStatus.OnDuty)
            {
                reason = $"not on duty ({inspector.Status})";
            }
            else if (inspector.CertificateValidTo < _request.WindowEnd)
            {
                reason = $"certificate valid only to {inspector.CertificateValidTo:yyyy-MM-dd}, before the task ends {_request.WindowEnd:yyyy-MM-dd}";
            }
            else if (inspector.CertificateValidFrom is { } from && from > _request.WindowStart)
            {
                reason = $"certificate valid only from {from:yyyy-MM-dd}, after the task starts {_request.WindowStart:yyyy-MM-dd}";
            }
            else if (_department.RequiredExpertise.Count > 0 && !inspector.Expertise.Any(_department.RequiredExpertise.Contains))
            {
                reason = $"expertise [{string.Join("、", inspector.Expertise)}] matches none of [{string.Join("、", _department.RequiredExpertise)}]";
            }

            if (reason is not null)
            {
                Excluded.Add(new ExcludedInspector(inspector.CertificateNumber, _department.DepartmentCode, reason));
            }

            return reason is null;
        }

        private bool Allowed(int t, int i) =>
            Array.IndexOf(_recused[i], t) < 0 && (!_request.CrossRegion || _inspectorRegion[i] != _targetRegion[t]);

        private bool OnTarget(int t, int i)
        {
            var slots = _slots[t];
            for (var s = 0; s < _filled[t]; s++)
            {
                if (slots[s] == i)
                {
                    return true;
                }
            }

            return false;
        }

        private bool Fits(int t, int i) => Allowed(t, i) && !OnTarget(t, i);

        public void Execute()
        {
            if (_eligible.Length == 0 || _targets.Length == 0)
            {
                return;
            }

            // Step 1: targets in a random order, each slot filled from a random inspector with capacity left.
            var order = Enumerable.Range(0, _targets.Length).ToArray();
            for (var k = order.Length - 1; k > 0; k--)
            {
                var j = (int)_random.NextBelow((ulong)(k + 1));
                (order[k], order[j]) = (order[j], order[k]);
            }

            foreach (var t in order)
            {
                while (_filled[t] < _m)
                {
                    var pick = PickAvailable(t);
                    if (pick < 0)
                    {
                        break;
                    }

                    Place(t, pick);
                }
            }

            // Step 2: augmenting paths for every slot still open; raise the cap only when none exists.
            while (true)
            {
                var open = false;
                for (var t = 0; t < _targets.Length; t++)
                {
                    while (_filled[t] < _m && Augment(t))
                    {
                    }

                    open |= _filled[t] < _m;
                }

                if (!open || _cap >= _targets.Length)
                {
                    break;
                }

                _cap++;
                _note = _cap == _cap0 + 1
                    ? $"load cap raised from {_cap0} to {_cap}: not every target could be covered at ceil(average)"
                    : $"load cap raised from {_cap0} to {_cap}: the roster forces it (recusal, expertise or region leave too few inspectors for some targets)";
                for (var i = 0; i < _eligible.Length; i++)
                {
                    if (_load[i] < _cap && _availablePosition[i] >= _availableCount)
                    {
                        AddAvailable(i);
                    }
                }
            }
        }

        private int PickAvailable(int t)
        {
            if (_availableCount == 0)
            {
                return -1;
            }

            for (var probe = 0; probe < 8; probe++)
            {
                var candidate = _available[(int)_random.NextBelow((ulong)_availableCount)];
                if (Fits(t, candidate))
                {
                    return candidate;
                }
            }

            var start = (int)_random.NextBelow((ulong)_availableCount);
            for (var k = 0; k < _availableCount; k++)
            {
                var candidate = _available[(start + k) % _availableCount];
                if (Fits(t, candidate))
                {
                    return candidate;
                }
            }

            return -1;
        }

        private void Place(int t, int i)
        {
            _slots[t][_filled[t]++] = i;
            _held[i].Add(t);
            if (++_load[i] >= _cap)
            {
                RemoveAvailable(i);
            }
        }

        private void RemoveAvailable(int i)
        {
            var position = _availablePosition[i];
            if (position >= _availableCount)
            {
                return;
            }

            var last = _available[--_availableCount];
            _available[position] = last;
            _availablePosition[last] = position;
            _available[_availableCount] = i;
            _availablePosition[i] = _availableCount;
        }

        private void AddAvailable(int i)
        {
            var position = _availablePosition[i];
            var first = _available[_availableCount];
            _available[position] = first;
            _availablePosition[first] = position;
            _available[_availableCount] = i;
            _availablePosition[i] = _availableCount++;
        }

        /// <summary>
        /// Breadth-first search for an augmenting path from target <paramref name="t"/>: an inspector who fits it,
        /// either with capacity left, or full but holding a target another fitting inspector can take over, and so
        /// on until an inspector with capacity. Applying the path adds one slot and keeps every load within the cap.
        /// </summary>
        private bool Augment(int t)
        {
            var n = _eligible.Length;
            var parent = new Dictionary<int, (int Target, int From)>();
            var queue = new Queue<int>();
            var start = (int)_random.NextBelow((ulong)n);
            for (var k = 0; k < n; k++)
            {
                var i = (start + k) % n;
                if (!Fits(t, i))
                {
                    continue;
                }

                if (_load[i] < _cap)
                {
                    Place(t, i);
                    return true;
                }

                parent[i] = (-1, -1);
                queue.Enqueue(i);
            }

            while (queue.Count > 0)
            {
                var holder = queue.Dequeue();
                foreach (var held in _held[holder])
                {
                    for (var i = 0; i < n; i++)
                    {
                        if (parent.ContainsKey(i) || !Fits(held, i))
                        {
                            continue;
                        }

                        parent[i] = (held, holder);
                        if (_load[i] < _cap)
                        {
                            ApplyPath(i, parent);
                            Place(t, FirstOnPath(i, parent));
                            return true;
                        }

                        queue.Enqueue(i);
                    }
                }
            }

            return false;
        }

        private static int FirstOnPath(int end, Dictionary<int, (int Target, int From)> parent)
        {
            var current = end;
            while (parent[current].From >= 0)
            {
                current = parent[current].From;
            }

            return current;
        }

        /// <summary>Each inspector on the path takes over the target its predecessor held; the first is left one slot lighter.</summary>
        private void ApplyPath(int end, Dictionary<int, (int Target, int From)> parent)
        {
            var current = end;
            while (parent[current] is { From: >= 0 } step)
            {
                var slots = _slots[step.Target];
                for (var s = 0; s < _filled[step.Target]; s++)
                {
                    if (slots[s] == step.From)
                    {
                        slots[s] = current;
                        break;
                    }
                }

                _held[step.From].Remove(step.Target);
                _held[current].Add(step.Target);
                _load[current]++;
                _load[step.From]--;
                if (_load[current] >= _cap)
                {
                    RemoveAvailable(current);
                }

                current = step.From;
            }

            // The first inspector on the path is now one below its previous load; Place() adds the new target back.
            if (_load[current] < _cap && _availablePosition[current] >= _availableCount)
            {
                AddAvailable(current);
            }
        }

        public IEnumerable<Assignment> Assignments()
        {
            for (var t = 0; t < _targets.Length; t++)
            {
                if (_filled[t] > 0)
                {
                    yield return new Assignment(_targets[t].CreditCode, _department.DepartmentCode,
                        [.. _slots[t].Take(_filled[t]).Select(i => _eligible[i].CertificateNumber).Order(StringComparer.Ordinal)]);
                }
            }
        }

        public IEnumerable<Uncovered> Uncovered()
        {
            for (var t = 0; t < _targets.Length; t++)
            {
                if (_filled[t] >= _m)
                {
                    continue;
                }

                var fitting = Enumerable.Range(0, _eligible.Length).Count(i => Allowed(t, i));
                var conditions = $"on duty, certificate valid {_request.WindowStart:yyyy-MM-dd} to {_request.WindowEnd:yyyy-MM-dd}"
                    + (_department.RequiredExpertise.Count > 0 ? $", expertise in [{string.Join("、", _department.RequiredExpertise)}]" : "")
                    + ", outside recusal" + (_request.CrossRegion ? ", from another county" : "");
                var reason = fitting < _m
                    ? $"only {fitting} eligible inspector(s) in {_department.DepartmentCode} ({conditions}); {_m} needed"
                    : $"the {fitting} eligible inspectors of {_department.DepartmentCode} are all at the load cap {_cap}";
                yield return new Uncovered(_targets[t].CreditCode, _department.DepartmentCode, _filled[t], reason);
            }
        }

        public DepartmentLoad Load() => new(
            _department.DepartmentCode,
            _eligible.Length,
            _eligible.Length == 0 ? 0 : _targets.Length * (double)_m / _eligible.Length,
            _cap,
            _load.Length == 0 ? 0 : _load.Max(),
            _note);
    }
}
