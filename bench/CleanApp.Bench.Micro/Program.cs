using BenchmarkDotNet.Running;

// build/bench-micro.sh runs every benchmark; arguments go to BenchmarkDotNet (e.g. --filter '*Token*').
// A benchmark that threw (its result is NA) fails the run: build/test.sh runs them all once (--job dry) so they cannot rot.
var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return summaries.Any(summary => summary.HasCriticalValidationErrors || summary.Reports.Any(report => !report.Success)) ? 1 : 0;

/// <summary>The entry point, for BenchmarkSwitcher.</summary>
public partial class Program;
