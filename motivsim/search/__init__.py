"""Where to look along a KPI: its realistic range, a grid over it, the points where pay
switches (thresholds, bracket edges, caps), and the round-number shrinking of a counterexample.

Shared by ``check`` (the plan level), ``lint`` (the scan), ``compare`` (the largest cut),
``plot`` (the x range) and :mod:`motivsim.testing` (the strategies).
"""
