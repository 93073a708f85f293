using BenchmarkDotNet.Running;
using Vigil.Benchmarks;

switch (args)
{
    case ["--cpu-time", ..]:
        CpuTimeProbe.Run();
        return;

    case ["--map-probe", ..]:
        MappingProbe.TimeMapping();
        return;

    case ["--fresh-probe", ..]:
        MappingProbe.TimeFreshEvaluation();
        return;

    case ["--map-dump", var path, ..]:
        MappingProbe.Dump(path);
        return;
}

BenchmarkSwitcher.FromAssembly(typeof(KqlEvaluationBenchmarks).Assembly).Run(args);
