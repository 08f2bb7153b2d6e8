"""``compare``: two schemes paid on the same KPI draws; who gains, who loses, the largest cut.

:mod:`~motivsim.comparison.pairing` draws the paired KPI values (through
:mod:`motivsim.sampling`), :mod:`~motivsim.comparison.paycut` searches for the largest cut
(the ``--max-cut`` gate) and :mod:`~motivsim.comparison.run` puts the figures together: per
segment, and per person when a scheme has a roster.
"""

from __future__ import annotations

from motivsim.comparison.run import (
    ComparisonResult,
    Estimate,
    PayCut,
    PersonChange,
    SegmentChange,
    compare,
)

__all__ = ["ComparisonResult", "Estimate", "PayCut", "PersonChange", "SegmentChange", "compare"]
