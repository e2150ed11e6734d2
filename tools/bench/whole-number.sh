#!/usr/bin/env bash
# Sourced by the bench scripts that take counts: each count checked before anything runs, so that a mistyped or
# `--help` argument is one line and exit 2, not a run of nothing (or of the whole thing) that exits 0.

# whole_number NAME VALUE: returns when VALUE is a whole number from 1; else says so, naming the script, and exits 2.
whole_number() {
  [[ $2 =~ ^[1-9][0-9]*$ ]] && return
  echo "$(basename "$0"): $1 must be a whole number from 1, not '$2' (the script's first lines say its arguments)" >&2
  exit 2
}
