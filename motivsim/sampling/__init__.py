"""Random KPI values, drawn one way for every command: seeds, samplers, the copula.

:mod:`~motivsim.sampling.seeding` turns a seed into one generator per fixed block of samples;
:mod:`~motivsim.sampling.samplers` maps uniforms or normals to each distribution's values;
:mod:`~motivsim.sampling.draws` draws a scheme's KPIs per ``[team]`` segment, tied by its
``[correlation]`` copula. ``check``, ``compare``, ``lint``, ``plot``, ``simulate`` and
:mod:`motivsim.testing` all draw through it, so one seed means the same managers everywhere.
"""
