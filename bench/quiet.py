"""Whether a benchmark run may claim its goals: only when the machine was quiet throughout.

Ratios taken while other work competes for the two cores say little about either tool, so a row
whose goal was met under load is reported as "not claimed" instead of "yes". A missed goal stays
missed: load slows both tools, and a miss is never flattering.
"""

import os

# One runnable task on average: above this, the 2-core machine is shared with something else.
QUIET_LOAD_AVERAGE = 1.0


def load_average():
    """The one-minute load average."""
    return os.getloadavg()[0]


def worst_load(report):
    """The higher of the load averages recorded at the start and the end of a run."""
    return max(report["loadAverageAtStart"][0], report["loadAverageAtEnd"][0])


def withhold_claims(rows, load):
    """Turns every met goal into an unclaimed one when `load` was above the quiet limit.

    Rows keep their numbers; `met` becomes None and `notClaimed` says why, so the JSON shows both the
    measurement and the reason it does not count."""
    if load <= QUIET_LOAD_AVERAGE:
        return rows
    for row in rows:
        if row.get("met") is True:
            row["met"] = None
            row["notClaimed"] = f"load average {load:.1f} > {QUIET_LOAD_AVERAGE:g}: rerun on a quiet machine"
    return rows


def verdict(met, load):
    """The text of a yes/no goal column for scripts that print their own tables."""
    if not met:
        return "NO"
    return "yes" if load <= QUIET_LOAD_AVERAGE else f"not claimed (load {load:.1f})"
