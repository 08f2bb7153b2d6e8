"""``python -m motivsim``: the command-line interface.

The cyclic garbage collector is held off while numpy, sympy, motivsim and the subcommand's
modules load (they make hundreds of thousands of objects, none of them garbage, and every full
collection walks them all), and what they made is then frozen (:func:`gc.freeze`): neither the
command's own collections nor the interpreter's last ones at exit walk those objects again.
This saves about 0.1 s of a ``check`` (``benchmarks/README.md``); nothing else changes.
"""

import gc
import sys

gc.disable()
try:
    from motivsim.cli.app import import_command, main

    import_command()
finally:
    gc.freeze()
    gc.enable()

sys.exit(main())
