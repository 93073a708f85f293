namespace Vigil.Detect.Rules;

/// <summary>
/// Collects the load errors of one rule file, with positions looked up by field path. The
/// positions are only computed once the first error needs them, so valid files are parsed once.
/// </summary>
internal sealed class RuleErrorSink
{
    private readonly string _file;
    private readonly Lazy<TomlKeyPositions> _positions;
    private readonly List<RuleLoadError> _errors = [];
    private string? _ruleId;
    private string? _ruleName;

    public RuleErrorSink(string file, Func<TomlKeyPositions> positions)
    {
        _file = file;
        _positions = new Lazy<TomlKeyPositions>(positions, LazyThreadSafetyMode.None);
    }

    public IReadOnlyList<RuleLoadError> Errors => _errors;

    /// <summary>Sets the rule_id and name that each error added from now on carries, so lint can name the rule.</summary>
    public void NameRule(string? ruleId, string? ruleName)
    {
        _ruleId = ruleId;
        _ruleName = ruleName;
    }

    public void Add(string fieldPath, string message)
    {
        var position = _positions.Value.Find(fieldPath);
        _errors.Add(new RuleLoadError(_file, position?.Line, position?.Column, message) { RuleId = _ruleId, RuleName = _ruleName });
    }
}
