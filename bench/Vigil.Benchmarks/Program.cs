using BenchmarkDotNet.Running;
using Vigil.Benchmarks;

if (args is ["--cpu-time", ..])
{
    CpuTimeProbe.Run();
    return 0;
}

if (args is [var mode, ..] && mode.StartsWith("--store-", StringComparison.Ordinal))
{
    return StoreBench.Run(args);
}

if (args is ["--serve-run", ..])
{
    return ServeRunBench.Run(args);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
