#!/usr/bin/env python3
"""A scenario with the same households, but their load minute by minute: what a quarter hour hides.

The shared scenarios and make-scenario.py hold the households' load constant for each 900 s interval,
lined up with the planner's slots, so a plan's reading is its slot's load to the end and nothing moves
within a slot (docs/scheduler.md, "The current slot's household load, estimated otherwise"). This derives
from SCENARIO one whose `baseLoad.intervalSeconds` is its `stepSeconds` (60), everything else unchanged:

- each quarter hour keeps its mean exactly (so the compound's energy, and the scale of the bound, stay
  comparable; the bound itself, planned on the least room of each quarter, can only get dearer);
- around it, the sum of two things that real compounds show at minute scale:
  1. a mean-reverting (Ornstein-Uhlenbeck) wander, time constant TAU minutes, standard deviation
     SIGMA_HOME kW x sqrt(households): the many small loads (fridges, pumps, lights, air conditioners
     and water heaters cycling) of independent homes add up as their variances do;
  2. spikes: single appliances of a few kW (an induction hob, a kettle, an instantaneous water heater)
     switched on in one home for 1 to SPIKE_MAX_MINUTES minutes, a Poisson arrival of SPIKES_PER_HOME_HOUR
     per home and hour (one every ten homes an hour), SPIKE_KW_LOW to SPIKE_KW_HIGH kW each, uniform;
     at a meal hour (local 06:30-08:30, 11:00-13:00, 17:30-20:00) MEAL_FACTOR times as often.
  The deviations of each quarter are then shifted so that they sum to zero there, and scaled down in a
  quarter where a minute would otherwise fall below FLOOR of the quarter's mean.

Why these figures: 1-minute records of single homes are highly skewed and intermittent, a load factor of
about 0.1 (Wright and Firth, "The nature of domestic electricity-loads and effects of time averaging on
statistics and on-site generation calculations", Applied Energy 84 (2007); Anvari et al., "Data-driven
load profiles and the dynamics of residential consumption", arXiv:2009.09287): a home at 0.7 kW mean
(make-scenario.py's profile) peaks at some 5-7 kW for minutes. 0.3 kW per home of minute-scale wander
around the quarter's mean and a 2-5 kW appliance per ten homes an hour are within that; for 80 homes
they give a standard deviation of about 4-5 kW around a ~55 kW mean, for 400 homes 8-10 kW around ~290
kW, and single minutes several kW above the quarter's mean. Households are taken as the mean load over
0.7 kW unless given (make-scenario.py's mean per home is 0.68 kW on weekdays, 0.76 at weekends).

Seeded and deterministic: the same scenario, seed and parameters give the same file.

  python3 tools/bench/minute-load.py SCENARIO.json -o OUT.json [--seed N] [--households N]
      [--sigma-home KW] [--tau MIN] [--spikes-per-home-hour R] [--spike-kw LOW HIGH]
      [--spike-max-minutes M] [--meal-factor F]
"""
import argparse
import datetime as dt
import json
import math
import os
import random
import sys
import zoneinfo

from whole_number import SCENARIO_KEYS, folder, json_file, json_numbers, json_value, json_whole, refuse

QUARTER = 900
FLOOR = 0.3
MEALS = ((6.5, 8.5), (11.0, 13.0), (17.5, 20.0))


def deviations(rng, a, households, minutes, start, tz):
    """Per minute, the households' deviation from the quarter's mean, before centring (kW)."""
    phi = math.exp(-1.0 / a.tau)
    sigma = a.sigma_home * math.sqrt(households)
    innovation = sigma * math.sqrt(1 - phi * phi)
    out = [0.0] * minutes
    x = rng.gauss(0.0, sigma)
    for k in range(minutes):
        x = phi * x + rng.gauss(0.0, innovation)
        out[k] += x
        local = (start + dt.timedelta(minutes=k)).astimezone(tz)
        hour = local.hour + local.minute / 60.0
        rate = households * a.spikes_per_home_hour / 60.0
        if any(lo <= hour < hi for lo, hi in MEALS):
            rate *= a.meal_factor
        for _ in range(poisson(rng, rate)):
            kw = rng.uniform(*a.spike_kw)
            for j in range(k, min(minutes, k + rng.randint(1, a.spike_max_minutes))):
                out[j] += kw
    return out


def poisson(rng, mean):
    """Knuth's method; the means here are a few per minute at most."""
    limit, k, p = math.exp(-mean), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


def at_least(least, above):
    """An option's type: a finite number from `least` (above it when `above`). float() takes 'nan' and 'inf', and a NaN
    wander or spike ran to exit 0 and an OUT.json of NaN, no JSON, a --tau of 0 or below to a traceback, until
    2026-12-07."""
    def number(text):
        value = float(text)  # argparse says "invalid number value" for a ValueError
        if not math.isfinite(value) or value < least or (above and value == least):
            raise argparse.ArgumentTypeError(f"must be a finite number {'above' if above else 'from'} {least:g}, not '{text}'")
        return value
    return number


def whole_from(least):
    """An option's type: a whole number from `least`. int() took any: a --households of 0 ran as the default and one
    below it was a traceback (math domain error), and a --spike-max-minutes below 1 a traceback (randint) once a spike
    came, or none ran without a word, until 2026-12-07."""
    def number(text):
        value = int(text)  # argparse says "invalid number value" for a ValueError
        if value < least:
            raise argparse.ArgumentTypeError(f"must be a whole number from {least}, not '{text}'")
        return value
    return number


class OneLineErrors(argparse.ArgumentParser):
    """Bad input is one line and exit 2, as in the other bench scripts: argparse's own error is its whole usage first."""

    def error(self, message):
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


def main():
    p = OneLineErrors(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("scenario")
    p.add_argument("-o", "--out", required=True)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--households", type=whole_from(1), default=None, help="default: the mean load over 0.7 kW")
    p.add_argument("--sigma-home", type=at_least(0, False), default=0.3, help="kW of minute-scale wander per home, as sqrt")
    p.add_argument("--tau", type=at_least(0, True), default=4.0, help="the wander's time constant, minutes")
    p.add_argument("--spikes-per-home-hour", type=at_least(0, False), default=0.1)
    p.add_argument("--spike-kw", type=at_least(0, False), nargs=2, default=(2.0, 5.0))
    p.add_argument("--spike-max-minutes", type=whole_from(1), default=5)
    p.add_argument("--meal-factor", type=at_least(0, False), default=2.0)
    p.add_argument("--name", default=None, help="default: the scenario's name with -minute")
    a = p.parse_args()
    if a.spike_kw[0] > a.spike_kw[1]:
        p.error(f"argument --spike-kw: LOW must not be above HIGH, not '{a.spike_kw[0]:g} {a.spike_kw[1]:g}'")

    doc = json_file("SCENARIO", a.scenario)
    # Every key read here checked first, one line each: a scenario without one was a traceback (KeyError) until
    # 2026-12-07. The simulator checks the rest of the file when it reads what this writes.
    # As the simulator reads them (60 or 60.0): int() took 60.9 as 60, "60" and true as 1, until 2026-12-07.
    step = json_value("SCENARIO", a.scenario, doc, "stepSeconds", json_whole, "a whole number of seconds",
                      as_json=True)
    iv = json_value("SCENARIO", a.scenario, doc, "baseLoad.intervalSeconds", json_whole, "a whole number of seconds",
                    as_json=True)
    if step != 60 or iv != QUARTER:
        refuse(f"stepSeconds and baseLoad.intervalSeconds of SCENARIO '{a.scenario}'", f"{step} and {iv}",
               "60 and 900, the only ones derived", SCENARIO_KEYS)
    start = json_value("SCENARIO", a.scenario, doc, "start", dt.datetime.fromisoformat,
                       "a date and time such as 2026-01-12T00:00:00+08:00")
    tz = json_value("SCENARIO", a.scenario, doc, "timezone", zoneinfo.ZoneInfo, "a time zone such as Asia/Shanghai")
    quarters = json_numbers("SCENARIO", a.scenario, doc, "baseLoad.kw", "a finite number of kW")
    folder("OUT.json's folder", os.path.dirname(a.out) or ".")
    households = a.households or max(1, round(sum(quarters) / len(quarters) / 0.7))
    per = QUARTER // step
    rng = random.Random(a.seed)
    dev = deviations(rng, a, households, len(quarters) * per, start, tz)

    kw = []
    for q, mean in enumerate(quarters):
        d = dev[q * per:(q + 1) * per]
        centre = sum(d) / per
        d = [x - centre for x in d]
        low = min(d)
        scale = 1.0 if mean + low >= FLOOR * mean else (1 - FLOOR) * mean / -low
        d = [x * scale for x in d]
        # rounding to 10 W, then the last minute takes what rounding moved, so the quarter's mean is kept
        minute = [round(mean + x, 2) for x in d]
        minute[-1] = round(mean * per - sum(minute[:-1]), 2)
        if abs(sum(minute) / per - mean) > 0.005 or min(minute) < 0:
            sys.exit(f"{a.scenario}: quarter {q} ({mean} kW) came out at a mean of {sum(minute) / per:.3f} kW, "
                     f"least {min(minute)} kW")
        kw.extend(minute)

    doc["name"] = a.name or f"{doc.get('name', 'scenario')}-minute"
    doc["baseLoad"] = {"intervalSeconds": step, "kw": kw}
    with open(a.out, "w") as f:
        json.dump(doc, f, indent=1)
    spread = [kw[i] - quarters[i // per] for i in range(len(kw))]
    sd = math.sqrt(sum(x * x for x in spread) / len(spread))
    print(f"{a.out}: {households} households, {len(kw)} minutes, deviation from the quarter's mean: "
          f"sd {sd:.1f} kW, max +{max(spread):.1f} kW, min {min(spread):.1f} kW", file=sys.stderr)


if __name__ == "__main__":
    main()
