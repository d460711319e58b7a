using BenchmarkDotNet.Running;

// build/bench-micro.sh runs every benchmark; arguments go to BenchmarkDotNet (e.g. --filter '*Token*').
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

/// <summary>The entry point, for BenchmarkSwitcher.</summary>
public partial class Program;
