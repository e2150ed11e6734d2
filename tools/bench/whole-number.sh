#!/usr/bin/env bash
# Sourced by the bench scripts that take counts (arguments or environment): each count checked before anything runs,
# so that a mistyped or `--help` argument is one line and exit 2, not a run of nothing (or of the whole thing) that
# exits 0, nor an error of Java or Python minutes later. The Python scripts have its twin, whole_number.py.

# whole_number NAME VALUE: returns when VALUE is a whole number from 1; else says so, naming the script, and exits 2.
whole_number() {
  whole_number_from 1 "$@"
}

# whole_number_or_zero NAME VALUE: as whole_number, 0 taken too (a warm-up or a delay that may be none).
whole_number_or_zero() {
  whole_number_from 0 "$@"
}

# positive_number NAME VALUE: as whole_number, for a decimal number above 0 (1.20, 180, 0.5).
positive_number() {
  [[ $2 =~ ^[0-9]+(\.[0-9]+)?$ && $2 =~ [1-9] ]] && return
  echo "$(basename "$0"): $1 must be a number above 0 such as 1.5, not '$2' (the script's first lines say its arguments)" >&2
  exit 2
}

whole_number_from() {
  [[ $3 =~ ^(0|[1-9][0-9]*)$ ]] && (( $3 >= $1 )) && return
  echo "$(basename "$0"): $2 must be a whole number from $1, not '$3' (the script's first lines say its arguments)" >&2
  exit 2
}
