"""``python -m motivsim``: the command-line interface."""

import sys

from motivsim.cli.app import main

sys.exit(main())
