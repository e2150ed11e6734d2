"""Imported by the Python bench scripts that take counts or files, as tools/lib/checks.sh is sourced by the shell ones:
each checked before anything runs, so that a mistyped or `--help` argument, or a file missing, is one line and exit 2,
not a traceback."""
import importlib
import json
import math
import os
import sys

WHERE = "the script's first lines say its arguments"


def refuse(name, text, what, where=WHERE):
    """The one line, naming the script, the argument and what it must be, and exit 2."""
    print(f"{os.path.basename(sys.argv[0])}: {name} must be {what}, not '{text}' ({where})", file=sys.stderr)
    sys.exit(2)


def whole_number(name, text, least=1):
    """text as an int when it is a whole number from `least` (1, or 0 for a count that may be none); else says so,
    naming the script and the argument, and exits 2."""
    # As int() reads a count, which these scripts took before they checked (0300, " 30"), less its signs and "_".
    digits = text.strip()
    if digits.isascii() and digits.isdigit() and int(digits) >= least:
        return int(digits)
    refuse(name, text, f"a whole number from {least}")


def arguments(usage, least, most):
    """The script's arguments when there are `least` to `most` of them; else one line saying the usage given, exit 2
    (not a traceback of a missing one)."""
    given = sys.argv[1:]
    if least <= len(given) <= most:
        return given
    print(f"{os.path.basename(sys.argv[0])}: {len(given)} arguments given; usage: {usage}", file=sys.stderr)
    sys.exit(2)


def readable_file(name, path, where=WHERE):
    """path when it is a file this script can read; else says so (and `where` to look or how it is made), exit 2."""
    if os.path.isfile(path) and os.access(path, os.R_OK):
        return path
    refuse(name, path, "a readable file", where)


def folder(name, path, where=WHERE):
    """path when it is a folder; else says so, exit 2."""
    if os.path.isdir(path):
        return path
    refuse(name, path, "a folder", where)


def made_folder(name, path):
    """path, made with its parents if missing; a folder that cannot be made (a file in the way, no permission) is one
    line, exit 2. A path starting with '-' is refused, not made, as tools/lib/checks.sh's made_folder refuses it: it is
    a mistyped option (`--help`), not a folder the user meant to make."""
    if path.startswith("-"):
        refuse(name, path, "a folder, its path not starting with '-'", f"write ./{path} for a folder so named")
    try:
        os.makedirs(path, exist_ok=True)
        return path
    except OSError as e:
        refuse(name, path, "a folder this script can make or write in", e.strerror)


def module(name, debian_package):
    """The Python module `name`, imported; one missing is one line naming the Debian package that has it, exit 2 (not a
    traceback of ModuleNotFoundError: scipy and numpy are Debian's, for /usr/bin/python3, not every python3's)."""
    try:
        return importlib.import_module(name)
    except ImportError as e:
        print(f"{os.path.basename(sys.argv[0])}: Python's {name} cannot be imported ({e}); it is in Debian's"
              f" {debian_package}, for /usr/bin/python3 (PATH=/usr/bin:$PATH)", file=sys.stderr)
        sys.exit(2)


def json_file(name, path):
    """The JSON document in the file at path; a file missing, unreadable or no JSON is one line, exit 2."""
    with open(readable_file(name, path)) as f:
        try:
            return json.load(f)
        except ValueError as e:
            refuse(name, path, "a JSON file", str(e))


def malformed(name, path, what, error, line=None):
    """A file read that holds something else than `what`: one line naming the script, the file, the line when known,
    and what Python found wrong (a key missing, a value no number), exit 2; not the traceback of a KeyError,
    ValueError, TypeError or IndexError the scripts printed until 2026-12-07."""
    found = f"no {error}" if isinstance(error, KeyError) else str(error) or type(error).__name__
    refuse(name, path, what, (f"line {line}: " if line is not None else "") + found)


def no_lines(name, path, what):
    """A file read that holds none of `what`: one line, exit 2 (an empty input gave a figure of nothing, exit 0)."""
    refuse(name, path, what, "it holds none")


MALFORMED = (KeyError, ValueError, TypeError, IndexError, AttributeError)


SCENARIO_KEYS = "a scenario's keys: docs/scenario.md"


def json_value(name, path, doc, key, read, what, where=SCENARIO_KEYS, as_json=False):
    """The value at `key` (dotted: baseLoad.kw) of `doc`, the JSON read from the file at `path`, as read(value) gives
    it. A key missing, or under a value that is no object, is one line naming the file and the key; a value that read()
    refuses, one line saying what it must be (a string shown as JSON when `as_json`: '"60"' where a number belongs);
    exit 2 (not a traceback of KeyError, TypeError, ValueError or, for a number JSON gave as infinity, 1e999,
    OverflowError)."""
    value = doc
    for part in key.split("."):
        if not isinstance(value, dict) or part not in value:
            print(f"{os.path.basename(sys.argv[0])}: {name} '{path}' has no {key} ({where})", file=sys.stderr)
            sys.exit(2)
        value = value[part]
    try:
        return read(value)
    except (TypeError, ValueError, KeyError, OverflowError):
        refuse(f"{key} of {name} '{path}'", shown(json.dumps(value, ensure_ascii=False) if as_json else value), what, where)


def json_numbers(name, path, doc, key, what, where=SCENARIO_KEYS):
    """The non-empty list at `key` of `doc` (as json_value finds it), each item as a float. An item that is no finite
    number is one line naming the file, the key and the item's index, exit 2: float() takes JSON's 1e999 (infinity),
    NaN, true (1.0) and "1.5", and minute-load.py ran on to a traceback, or with --households to an exit 0 and an
    output of NaN, no JSON, until 2026-12-07."""
    items = json_value(name, path, doc, key, non_empty_list, "a list of one or more numbers", where)
    for index, item in enumerate(items):
        if not finite_number(item):
            # As JSON, a string too: '"1.5"', not '1.5', which would read as the number it must be.
            refuse(f"{key}[{index}] of {name} '{path}'", shown(json.dumps(item, ensure_ascii=False)), what, where)
    return [float(item) for item in items]


def json_whole(value):
    """value as an int when JSON gave a whole number (60, or 60.0 as the simulator's StrictMapper takes it); else
    ValueError (json_value's refusal): not 60.5, "60", true, nor infinity."""
    if finite_number(value) and float(value).is_integer():
        return int(value)
    raise ValueError("no whole number")


def non_empty_list(value):
    """value when it is a list with an item; else ValueError (json_value's refusal)."""
    if not isinstance(value, list) or not value:
        raise ValueError("no list, or an empty one")
    return value


def finite_number(value):
    """Whether value, as JSON gave it, is a number and finite: not true or false (Python's bool is an int), no string,
    not infinity or NaN, nor an integer too large for a float (10^400)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    try:
        return math.isfinite(value)
    except OverflowError:
        return False


def shown(value):
    """value as the one line shows it: a string as itself, else as JSON (Infinity, NaN, true); past 40 characters cut,
    for a list of 96 numbers: the line names the key, the start of the value is enough to find it."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + "..."
