"""The one place seeds become random generators: one stream per fixed block of samples.

Monte Carlo results must not depend on how work is chunked or spread over workers. So samples
are grouped in blocks of a fixed size, :data:`BLOCK_SIZE`, and block ``i`` of stream ``s``
always draws from ``numpy.random.SeedSequence(seed, spawn_key=(s, i))``, whoever computes it.
"""

from __future__ import annotations

from typing import Final

import numpy as np

from motivsim.validation import check_int

__all__ = [
    "BLOCK_SIZE",
    "STREAM_CONTROL",
    "STREAM_FINDINGS",
    "STREAM_RATIO",
    "STREAM_SIMULATE",
    "SUBSTREAM_MANAGERS",
    "block_rng",
    "blocks",
    "resolve_seed",
    "sub_rng",
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
#: A block's sub-stream of manager effects (``[kpi.X] persistence``): see :func:`sub_rng`.
SUBSTREAM_MANAGERS: Final = 0x9E25


def resolve_seed(seed: int | None) -> int:
    """``seed`` checked, or a fresh random one (to be reported so the run can be repeated)."""
    if seed is None:
        import secrets  # 3.5 ms to import: only a run without a seed needs it

        return secrets.randbits(63)
    return check_int("seed", seed, least=0, noun="an integer")


def block_rng(seed: int, block: int, stream: int = 0) -> np.random.Generator:
    """The generator of block ``block`` of stream ``stream`` (streams separate uses of a seed)."""
    sequence = np.random.SeedSequence(seed, spawn_key=(stream, block))
    return np.random.Generator(np.random.PCG64(sequence))


def sub_rng(rng: np.random.Generator, *key: int) -> np.random.Generator:
    """A generator of its own under ``rng`` (a block's, from :func:`block_rng`): its seed
    sequence's spawn key extended by ``key``. It depends only on ``rng``'s seed and key, not on
    what ``rng`` drew or spawned before, and drawing from it leaves ``rng`` as it was.

    Examples
    --------
    >>> a, b = block_rng(7, 3, STREAM_SIMULATE), block_rng(7, 3, STREAM_SIMULATE)
    >>> _ = a.random(5)  # a has drawn, b has not: their sub-streams are the same
    >>> key = (SUBSTREAM_MANAGERS, 0)
    >>> bool(sub_rng(a, *key).random() == sub_rng(b, *key).random())
    True
    """
    parent = rng.bit_generator.seed_seq
    if not isinstance(parent, np.random.SeedSequence):
        raise TypeError("sub_rng needs a generator seeded by a numpy SeedSequence (block_rng)")
    sequence = np.random.SeedSequence(
        parent.entropy, spawn_key=(*parent.spawn_key, *key), pool_size=parent.pool_size
    )
    return np.random.Generator(np.random.PCG64(sequence))


def blocks(n: int, block_size: int = BLOCK_SIZE) -> list[tuple[int, int, int]]:
    """``(block index, start, stop)`` of each block covering ``n`` samples."""
    n = check_int("the number of samples", n, least=1, noun="an integer")
    return [
        (i, start, min(start + block_size, n)) for i, start in enumerate(range(0, n, block_size))
    ]
