using BenchmarkDotNet.Running;
using Vigil.Benchmarks;

if (args is ["--cpu-time", ..])
{
    CpuTimeProbe.Run();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(KqlEvaluationBenchmarks).Assembly).Run(args);
