from django.apps import AppConfig


class BenchConfig(AppConfig):
    """Benchmark-only code (the seed_bench command), installed by the bench and test
    settings only; never shipped in the wheel."""

    name = "bench"
    verbose_name = "Benchmarks"
