"""The version of motivsim (one place, read by the package and by the command line)."""

__version__ = "0.1.0"
