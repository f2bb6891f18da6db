"""The ketamine course package, in layers (docs/architecture.md):

- `widgets.core`: the pure domain (course model and loader, question types and
  grading, progress document, triage, freshness). No widget library.
- `widgets.views`: what a learner's kernel runs; `widgets.views` is the notebook API.
- `widgets.authoring`: instructor commands and checks (`python -m widgets`).
- `widgets.server`: what the Voilà server process loads.

The course data ships inside the package as `widgets/course_data`.
"""
