"""Imported by the Python bench scripts that take counts, as whole-number.sh is sourced by the shell ones: each count
checked before anything runs, so that a mistyped or `--help` argument is one line and exit 2, not a traceback."""
import os
import sys


def whole_number(name, text, least=1):
    """text as an int when it is a whole number from `least` (1, or 0 for a count that may be none); else says so,
    naming the script and the argument, and exits 2."""
    if text.isascii() and text.isdigit() and (text == "0" or not text.startswith("0")) and int(text) >= least:
        return int(text)
    print(f"{os.path.basename(sys.argv[0])}: {name} must be a whole number from {least}, not '{text}'"
          " (the script's first lines say its arguments)", file=sys.stderr)
    sys.exit(2)
