namespace Vigil.Detect.Rules;

/// <summary>Collects the load errors of one rule file, with positions looked up by field path.</summary>
internal sealed class RuleErrorSink
{
    private readonly string _file;
    private readonly TomlKeyPositions _positions;
    private readonly List<RuleLoadError> _errors = [];

    public RuleErrorSink(string file, TomlKeyPositions positions)
    {
        _file = file;
        _positions = positions;
    }

    public IReadOnlyList<RuleLoadError> Errors => _errors;

    public void Add(string fieldPath, string message)
    {
        var position = _positions.Find(fieldPath);
        _errors.Add(new RuleLoadError(_file, position?.Line, position?.Column, message));
    }
}
