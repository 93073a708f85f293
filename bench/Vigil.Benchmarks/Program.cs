using BenchmarkDotNet.Running;
using Vigil.Benchmarks;

switch (args)
{
    case ["--cpu-time", ..]:
        CpuTimeProbe.Run();
        return 0;

    case ["--map-probe", ..]:
        MappingProbe.TimeMapping();
        return 0;

    case ["--fresh-probe", ..]:
        MappingProbe.TimeFreshEvaluation();
        return 0;

    case ["--map-dump", var path, ..]:
        MappingProbe.Dump(path);
        return 0;

    case [var mode, ..] when mode.StartsWith("--store-", StringComparison.Ordinal):
        return StoreBench.Run(args);

    case ["--scan-probe", var path, ..]:
        ScanProbe.Run(path);
        return 0;

    case ["--unmatched-probe", var path, var rules, ..]:
        UnmatchedProbe.Run(path, rules);
        return 0;

    case ["--phase-probe", var path, ..]:
        PhaseProbe.Run(path);
        return 0;

    case ["--hunt-probe", var path, .. var rest]:
        ScanProbe.Hunt(path, rest.FirstOrDefault());
        return 0;

    case ["--serve-run", ..]:
        return ServeRunBench.Run(args);
}

BenchmarkSwitcher.FromAssembly(typeof(KqlEvaluationBenchmarks).Assembly).Run(args);
return 0;
