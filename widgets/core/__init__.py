"""The pure domain: the course model (its data's shapes in types.py) and loader,
question types and grading, the progress document, triage and freshness.

No widget library, no IPython, no Jupyter server: everything here is plain
functions over data, so it can be tested and reused anywhere (tests/test_layers.py).
"""
