"""Imported by the Python bench scripts that take counts, as whole-number.sh is sourced by the shell ones: each count
checked before anything runs, so that a mistyped or `--help` argument is one line and exit 2, not a traceback."""
import os
import sys


def whole_number(name, text, least=1):
    """text as an int when it is a whole number from `least` (1, or 0 for a count that may be none); else says so,
    naming the script and the argument, and exits 2."""
    # As int() reads a count, which these scripts took before they checked (0300, " 30"), less its signs and "_".
    digits = text.strip()
    if digits.isascii() and digits.isdigit() and int(digits) >= least:
        return int(digits)
    print(f"{os.path.basename(sys.argv[0])}: {name} must be a whole number from {least}, not '{text}'"
          " (the script's first lines say its arguments)", file=sys.stderr)
    sys.exit(2)


def arguments(usage, least, most):
    """The script's arguments when there are `least` to `most` of them; else one line saying the usage given, exit 2
    (not a traceback of a missing one)."""
    given = sys.argv[1:]
    if least <= len(given) <= most:
        return given
    print(f"{os.path.basename(sys.argv[0])}: {len(given)} arguments given; usage: {usage}", file=sys.stderr)
    sys.exit(2)
