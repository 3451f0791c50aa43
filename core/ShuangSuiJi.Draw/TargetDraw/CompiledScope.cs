using System.Globalization;
using ShuangSuiJi.Core.Codes;

namespace ShuangSuiJi.Draw.TargetDraw;

/// <summary>A <see cref="TargetScope"/> turned into lookups over a directory's columns: one cheap test per row.</summary>
internal sealed class CompiledScope
{
    private readonly TargetDirectory _directory;
    private readonly (int Divisor, int Value)[] _regions;
    private readonly bool[]? _industries;
    private readonly ulong _tagMask;
    private readonly bool _tagsRestrict;
    private readonly bool[]? _entityTypes;
    private readonly TargetScope _scope;

    public CompiledScope(TargetDirectory directory, TargetScope scope)
    {
        _directory = directory;
        _scope = scope;
        _regions = [.. scope.Regions.Select(r =>
        {
            if (RegionCode.Problem(r) is { } problem)
            {
                throw new ArgumentException($"Scope region {problem}.", nameof(scope));
            }

            var prefix = RegionCode.ScopePrefix(r);
            var divisor = prefix.Length switch { 2 => 10_000, 4 => 100, _ => 1 };
            return (divisor, int.Parse(prefix, CultureInfo.InvariantCulture));
        })];
        if (scope.Industries.Count > 0)
        {
            _industries = [.. directory.IndustryCodes.Select(code => scope.Industries.Any(p => code.StartsWith(p, StringComparison.Ordinal)))];
        }

        _tagsRestrict = scope.Tags.Count > 0;
        for (var bit = 0; bit < directory.TagNames.Count; bit++)
        {
            if (scope.Tags.Contains(directory.TagNames[bit]))
            {
                _tagMask |= 1UL << bit;
            }
        }

        if (scope.EntityTypes.Count > 0)
        {
            _entityTypes = new bool[8];
            foreach (var type in scope.EntityTypes)
            {
                _entityTypes[TargetDirectory.EntityTypeCode(type)] = true;
            }
        }
    }

    /// <summary>The scope restricts nothing: every row matches.</summary>
    public bool Unrestricted => _regions.Length == 0 && _industries is null && !_tagsRestrict && _entityTypes is null;

    public bool Matches(int row)
    {
        if (_regions.Length > 0)
        {
            var region = _directory.Regions[row];
            var inside = false;
            foreach (var (divisor, value) in _regions)
            {
                if (region / divisor == value)
                {
                    inside = true;
                    break;
                }
            }

            if (!inside)
            {
                return false;
            }
        }

        return (_industries is null || _industries[_directory.Industries[row]])
            && (!_tagsRestrict || (_directory.TagMasks[row] & _tagMask) != 0)
            && (_entityTypes is null || _entityTypes[_directory.EntityTypes[row]]);
    }

    /// <summary>Each scope criterion the row fails, in words.</summary>
    public IEnumerable<string> Misses(int row)
    {
        var region = _directory.RegionAt(row);
        if (_regions.Length > 0 && !_regions.Any(r => _directory.Regions[row] / r.Divisor == r.Value))
        {
            yield return $"region {region} is outside the scope's regions {string.Join(", ", _scope.Regions)}";
        }

        if (_industries is not null && !_industries[_directory.Industries[row]])
        {
            yield return $"industry {_directory.IndustryAt(row)} is outside the scope's industries {string.Join(", ", _scope.Industries)}";
        }

        if (_tagsRestrict && (_directory.TagMasks[row] & _tagMask) == 0)
        {
            var tags = _directory.TagsAt(row);
            yield return $"tags [{string.Join(", ", tags)}] include none of the scope's [{string.Join(", ", _scope.Tags)}]";
        }

        if (_entityTypes is not null && !_entityTypes[_directory.EntityTypes[row]])
        {
            yield return $"entity type {_directory.EntityTypeAt(row)} is outside the scope's types {string.Join(", ", _scope.EntityTypes)}";
        }
    }
}
