"""Developer tooling on top of the package: fitting the ranker, speed benchmarks, and the recipes
that make the data files mapper ships."""
