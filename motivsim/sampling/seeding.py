"""The one place seeds become random generators: one stream per fixed block of samples.

Monte Carlo results must not depend on how work is chunked or spread over workers. So samples
are grouped in blocks of a fixed size, :data:`BLOCK_SIZE`, and block ``i`` of stream ``s``
always draws from ``numpy.random.SeedSequence(seed, spawn_key=(s, i))``, whoever computes it.
"""

from __future__ import annotations

import secrets
from typing import Final

import numpy as np

from motivsim.validation import check_int

__all__ = [
    "BLOCK_SIZE",
    "STREAM_CONTROL",
    "STREAM_FINDINGS",
    "STREAM_RATIO",
    "STREAM_SIMULATE",
    "block_rng",
    "blocks",
    "resolve_seed",
]

#: Samples per block: the unit of reproducibility (never change it between releases lightly:
#: it changes every published number for a given seed).
BLOCK_SIZE: Final = 16_384

#: Spawn-key streams: each use of a seed draws from its own stream, so that the simulator's
#: managers, principle 1's draws, principle 3's Sobol' matrices and the lint scan never share
#: random numbers. ``compare`` pays both schemes on the simulator's stream.
STREAM_SIMULATE: Final = 0x51A
STREAM_RATIO: Final = 0x3C01
STREAM_CONTROL: Final = 0x3C02
STREAM_FINDINGS: Final = 0x3C03


def resolve_seed(seed: int | None) -> int:
    """``seed`` checked, or a fresh random one (to be reported so the run can be repeated)."""
    if seed is None:
        return secrets.randbits(63)
    return check_int("seed", seed, least=0, noun="an integer")


def block_rng(seed: int, block: int, stream: int = 0) -> np.random.Generator:
    """The generator of block ``block`` of stream ``stream`` (streams separate uses of a seed)."""
    sequence = np.random.SeedSequence(seed, spawn_key=(stream, block))
    return np.random.Generator(np.random.PCG64(sequence))


def blocks(n: int, block_size: int = BLOCK_SIZE) -> list[tuple[int, int, int]]:
    """``(block index, start, stop)`` of each block covering ``n`` samples."""
    n = check_int("the number of samples", n, least=1, noun="an integer")
    return [
        (i, start, min(start + block_size, n)) for i, start in enumerate(range(0, n, block_size))
    ]
