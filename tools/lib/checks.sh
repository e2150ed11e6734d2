#!/usr/bin/env bash
# The shell checks of the project's scripts, sourced by the orderly launcher, tools/score-scenarios.sh and the bench
# scripts (tools/bench) that take counts, switches, files or folders (arguments or environment): each checked before
# anything runs, so that a mistyped or `--help` argument is one line and exit 2, not a run of nothing (or of the whole
# thing) that exits 0, nor an error of Java or Python minutes later. Here, not in tools/bench, so that the launcher
# needs nothing of the benchmarks' (until 2026-12-07 it was tools/bench/whole-number.sh). The Python bench scripts
# have its twin, tools/bench/whole_number.py.
# Compared as text, never in bash's arithmetic, which wraps past 2^63 - 1; a count is at most 2147483647, the most a
# Java bench reads (Integer.parseInt).

# arguments MOST USAGE ARGS...: the script takes at most MOST arguments; more (a word too many, `--help` where none is
# taken) is one line with the usage and exit 2, not a run that ignores them: whole_number.py's arguments() for a shell.
arguments() {
  local most=$1 usage=$2
  shift 2
  (( $# <= most )) && return
  echo "$(basename "$0"): $# arguments given; usage: $usage" >&2
  exit 2
}

# whole_number NAME VALUE: returns when VALUE is a whole number from 1; else says so, naming the script, and exits 2.
whole_number() {
  [[ $2 != 0 ]] && is_count "$2" && return
  refuse "$1" "$2" "a whole number from 1 to 2147483647"
}

# whole_number_or_zero NAME VALUE: as whole_number, 0 taken too (a warm-up or a delay that may be none).
whole_number_or_zero() {
  is_count "$2" && return
  refuse "$1" "$2" "a whole number from 0 to 2147483647"
}

# seed_number NAME VALUE: a random generator's seed, a whole number below 0 too (a Java long, at most 18 digits).
seed_number() {
  [[ $2 =~ ^-?(0|[1-9][0-9]{0,17})$ ]] && return
  refuse "$1" "$2" "a whole number such as 1 or -1"
}

# positive_number NAME VALUE: a decimal number above 0 (1.20, .9, 180, 0.5).
positive_number() {
  [[ $2 =~ ^([0-9]+(\.[0-9]*)?|\.[0-9]+)$ && $2 =~ [1-9] ]] && return
  refuse "$1" "$2" "a number above 0 such as 1.5"
}

# each_of CHECK NAME VALUE: CHECK (one of the above) of each whitespace-separated word of VALUE, none taken for a file
# pattern: a '*' is refused as itself, not as the files it would match.
each_of() {
  local words word
  read -ra words <<< "$3"
  (( ${#words[@]} > 0 )) || refuse "$2" "$3" "one or more words"
  for word in "${words[@]}"; do "$1" "each of $2" "$word"; done
}

# one_of NAME VALUE CHOICE...: VALUE is one of the CHOICEs (a switch such as GATEWAY_ONLY: 0 or 1; a kind of message).
one_of() {
  local name=$1 value=$2 choice
  shift 2
  for choice in "$@"; do [[ $value == "$choice" ]] && return; done
  local list
  printf -v list '%s, ' "$@"
  refuse "$name" "$value" "one of ${list%, }"
}

# heap_size NAME VALUE: a JVM heap size for -Xmx as Java writes one, in bytes, KB, MB or GB (134217728, 131072k, 128m,
# 1g): Java's own refusal is three lines, and late. A size Java finds too small or too large is still Java's to refuse.
heap_size() {
  [[ $2 =~ ^[1-9][0-9]*[kKmMgG]?$ ]] && return
  refuse "$1" "$2" "a heap size such as 128m or 1g"
}

# readable_file NAME PATH [HOW]: PATH is a file this script can read; else says so, with HOW it is made when given.
readable_file() {
  [[ -f $2 && -r $2 ]] && return
  refuse "$1" "$2" "a readable file" "${3:-}"
}

# folder NAME PATH [HOW]: PATH is a folder (../shared and the like, which a script would otherwise find empty).
folder() {
  [[ -d $2 ]] && return
  refuse "$1" "$2" "a folder" "${3:-}"
}

# made_folder NAME PATH: PATH made with its parents if missing (a script's output folder), before any build or run. A
# path starting with '-' is refused, not made: mkdir would read it as its option (`--help`: mkdir's help, and the run
# went on); one that cannot be made (a file in the way, no permission) is one line with mkdir's reason, not mkdir's.
made_folder() {
  [[ $2 == -* ]] && refuse "$1" "$2" "a folder, its path not starting with '-'" "write ./$2 for a folder so named"
  local said
  said=$(mkdir -p -- "$2" 2>&1) && return
  refuse "$1" "$2" "a folder this script can make or write in" "${said##*: }"
}

# absolute_work DEFAULT sets `work` to BENCH_WORK, or DEFAULT, made first (made_folder: refused in one line, exit 2)
# and then absolute, a relative one from the directory the script was started in: call it before the script's cd, or
# before a build that runs elsewhere (Maven, in a module's directory), where a relative folder is another one. Until
# 2026-12-07 a BENCH_WORK that could not be made was mkdir's line (exit 1), and one starting with '-' realpath's option.
# The scripts empty it (rm -rf) before their run, so one holding the folder the script was started in, the project's
# root (ROOT) or HOME is refused: until 2026-12-07 a BENCH_WORK of `.`, `..` or `~` was deleted with all it held.
absolute_work() {
  made_folder BENCH_WORK "${BENCH_WORK:-$1}"
  work=$(realpath -m -- "${BENCH_WORK:-$1}")
  local held within=${work%/}/  # "/" too
  for held in "$(pwd -P)" "${ROOT:-}" "${HOME:-}"; do
    [[ -n $held && $(realpath -m -- "$held")/ == "$within"* ]] || continue
    refuse BENCH_WORK "${BENCH_WORK:-$1}" "a folder of its own, which the script empties" "it holds $held"
  done
}

# program NAME PACKAGE prints the path of the program NAME (on PATH, or in /usr/sbin, where Debian puts daemons such as
# mosquitto, off a user's PATH); else says which Debian package has it, and exits 2: a run without it would fail late.
program() {
  local path
  path=$(command -v "$1" || echo "/usr/sbin/$1")
  [[ -x $path ]] && { echo "$path"; return; }
  echo "$(basename "$0"): $1 is not installed (apt-get install -y $2)" >&2
  exit 2
}

# is_count VALUE: whether VALUE is a whole number from 0 to 2147483647, written without leading zeros.
is_count() {
  [[ $1 =~ ^(0|[1-9][0-9]{0,9})$ ]] && { [[ ${#1} -lt 10 ]] || ! [[ $1 > 2147483647 ]]; }
}

# refuse NAME VALUE WHAT [WHERE]: the one line, naming the script, and exit 2; WHERE says where to look (by default the
# script's first lines).
refuse() {
  local where="the script's first lines say its arguments"
  echo "$(basename "$0"): $1 must be $3, not '$2' (${4:-$where})" >&2
  exit 2
}
