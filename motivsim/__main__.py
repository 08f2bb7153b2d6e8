"""``python -m motivsim``: the command-line interface."""

import sys

from motivsim.cli import main

sys.exit(main())
