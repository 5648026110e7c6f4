"""Benchmarks: each runs the same work through our code and through a plain-Python reference
in one run, and reports the ratio, so the figure holds on a busy machine.

`python -m bench NAME|all [--size 64M ...]`; see bench/__main__.py for the names and options.
Nothing here is imported by the app.
"""
