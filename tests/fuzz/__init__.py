"""The fuzz suite: invented fixtures of every input kind, mutated, thrown at every entry point.

`fixtures` holds the invented articles, `mutators` the seeded byte/structure mutations (shared
with bench/fuzz.py), `strategies` the hypothesis strategies, `harness` the checks: the library
(`read_inputs`), the brief (`api.brief`), the CLI (`brief`, `ingest`) and the web API.
"""
