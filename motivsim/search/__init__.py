"""Where to look along a KPI: its realistic range, a grid over it, the points where pay
switches (thresholds, bracket edges, caps), and the round-number shrinking of a counterexample.

Shared by ``check`` (the plan level), ``lint`` (the scan), ``compare`` (the largest cut),
``plot`` (the x range) and :mod:`motivsim.testing` (the strategies).

* :mod:`~motivsim.search.grid`: :func:`~motivsim.search.grid.realistic_range` (the one rule for
  where a KPI lies, with the variants each consumer needs) and
  :func:`~motivsim.search.grid.kpi_grid` (the one grid: whole numbers, observed values or evenly
  spaced);
* :mod:`~motivsim.search.ranges`: the exact search ranges built on it
  (:func:`~motivsim.search.ranges.kpi_ranges`), switching points
  (:func:`~motivsim.search.ranges.critical_points`) and round-number shrinking.
"""
