#!/usr/bin/env python3
"""Recomputes every figure of a Sanctuary annual report from the public ledger, with the Python
standard library only.

Fetches /reports/YEAR.json, then every ledger entry up to the latest signed checkpoint from
/api/v1/ledger/entries. It checks that the entries hash to the latest checkpoint's root and that
the first SIZE of them (SIZE being the checkpoint the report cites) hash to the report's root;
then it tallies the entries below SIZE exactly as docs/reports.md defines each table, applies
the same small-cell suppression, and compares figure by figure: every shown count, which cells
are suppressed, and the packs in force. Suppressed values are never printed.

It does not check the Ed25519 signature on the checkpoint (the standard library has none); check
it with a signed-note tool and /api/v1/ledger/key, as for scripts/verify-ledger.py.

Usage: scripts/recompute-report.py BASE_URL YEAR
Exit status: 0 when every figure matches, 1 on any mismatch, 2 when the server cannot be read.
"""
import base64
import collections
import datetime
import importlib.util
import json
import os
import sys
import time
from zoneinfo import ZoneInfo

_here = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location("verify_ledger", os.path.join(_here, "verify-ledger.py"))
verify_ledger = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(verify_ledger)

CITY = ZoneInfo("America/Chicago")
MAX_SMALL = 10
ALL = "ALL"
NOT_IN_LEDGER = "NOT_IN_LEDGER"


# ---- reading the ledger ------------------------------------------------------------------------

def read_ledger(base, size_wanted, tally):
    """Hashes entries [0, latest), feeding those below size_wanted to tally in index order."""
    note = verify_ledger.fetch(base, "/api/v1/ledger/checkpoint").decode("utf-8")
    lines = note.split("\n")
    latest, latest_root = int(lines[1]), base64.b64decode(lines[2], validate=True)
    if latest < size_wanted:
        raise ValueError("the latest checkpoint (%d) is older than the report's (%d)" % (latest, size_wanted))
    leaves = []
    for start in range(0, latest, verify_ledger.PAGE):
        end = min(latest, start + verify_ledger.PAGE)
        page = json.loads(verify_ledger.fetch(base, "/api/v1/ledger/entries?start=%d&end=%d" % (start, end)))
        for entry in page["entries"]:
            if entry["index"] != len(leaves):
                raise ValueError("entry %d is missing (got index %d)" % (len(leaves), entry["index"]))
            data = base64.b64decode(entry["data"], validate=True)
            if len(leaves) < size_wanted:
                tally.add(json.loads(data))
            leaves.append(verify_ledger.leaf_hash(data))
    return leaves, latest, latest_root


def instant(text):
    """A Java Instant's text (2025-03-01T12:00:00.123456Z) as an aware UTC datetime."""
    text = text.rstrip("Z")
    main, _, frac = text.partition(".")
    dt = datetime.datetime.strptime(main, "%Y-%m-%dT%H:%M:%S").replace(tzinfo=datetime.timezone.utc)
    if frac:
        dt += datetime.timedelta(microseconds=int((frac + "000000")[:6]))
    return dt


def city_month(at):
    local = instant(at).astimezone(CITY)
    return local.year, "%04d-%02d" % (local.year, local.month)


def refusal_rule(code):
    """The published rule of a DENY code, as RefusalRule does; None for other effects."""
    if not code.endswith(":DENY"):
        return None
    rule = code[: -len(":DENY")]
    if rule.startswith("agreement:"):
        parts = rule.split(":")
        return "agreement:" + parts[-1] if len(parts) >= 3 else rule
    return rule


# ---- tallying (docs/reports.md, "What each table counts") ----------------------------------------

class Tally:
    """The figures of one year, counted entry by entry in index order."""

    def __init__(self, year):
        self.year = year
        self.counts = collections.defaultdict(collections.Counter)
        self.packs = {"requests": set(), "reports": set(), "gateway": set()}
        self.synthetic = False
        self.reports = {}  # incident hash -> (office, received at)
        self.last_status = {}
        self.first_finding = {}

    def add(self, d):
        kind = d.get("type")
        counts = self.counts
        if kind == "decision":
            if int(d["received"][:4]) != self.year:
                return
            o = d["outcome"]
            counts["requests-by-agency-and-outcome"][(d["body"], o)] += 1
            counts["requests-by-requester-and-outcome"][(d["requester"], o)] += 1
            counts["requests-by-kind-and-outcome"][(d["kind"], o)] += 1
            counts["requests-by-month-and-outcome"][(d["received"][:7], o)] += 1
            self.packs["requests"].update(d["packs"])
            self.synthetic |= d.get("synthetic", False)
        elif kind == "incident.received":
            y, month = city_month(d["at"])
            if y != self.year:
                return
            office = d["routedTo"]
            department = d["department"] if d["v"] >= 2 else NOT_IN_LEDGER
            counts["reports-by-category-and-office"][(d["category"], office)] += 1
            counts["reports-by-employee-type-and-office"][(d["employeeType"], office)] += 1
            counts["reports-by-department-and-office"][(department, office)] += 1
            counts["reports-by-month-and-office"][(month, office)] += 1
            self.packs["reports"].add(d["pack"])
            self.synthetic |= d.get("synthetic", False)
            self.reports[d["incident"]] = (office, d["at"])
        elif kind in ("case.transition", "case.assigned"):
            self.last_status[d["incident"]] = d["to"]
            if kind == "case.transition" and d["to"].startswith("FINDING_") and d["incident"] not in self.first_finding:
                self.first_finding[d["incident"]] = d["at"]
        elif kind == "gateway.access":
            y, month = city_month(d["at"])
            if y != self.year:
                return
            o = d["outcome"]
            counts["gateway-by-requester-and-outcome"][(d["agency"], o)] += 1
            counts["gateway-by-dataset-and-outcome"][(d["dataset"], o)] += 1
            counts["gateway-by-purpose-and-outcome"][(d["purpose"], o)] += 1
            counts["gateway-by-month-and-outcome"][(month, o)] += 1
            self.packs["gateway"].update(d["packs"])
            self.synthetic |= d.get("synthetic", False)
            if o == "DENY":
                for code in d["rules"]:
                    rule = refusal_rule(code)
                    if rule is not None:
                        counts["gateway-refusals-by-rule"][(rule,)] += 1

    def finish(self):
        """Statuses and days to a finding, once every entry below the checkpoint is in."""
        days = collections.defaultdict(list)
        for incident, (office, received) in self.reports.items():
            status = self.last_status.get(incident, "RECEIVED")
            self.counts["reports-by-status-and-office"][(status, office)] += 1
            if incident in self.first_finding:
                seconds = (instant(self.first_finding[incident]) - instant(received)).total_seconds()
                days[office].append(int(seconds // 86400))
        return self.counts, self.packs, days, self.synthetic


# ---- suppression (the same method as Suppression.java; docs/reports.md) --------------------------

def small(v):
    return 1 <= v <= MAX_SMALL


def sign(r, c, rows, cols):
    return 1 if (r < rows - 1) == (c < cols - 1) else -1


def can_step(value, change):
    return change > 0 or value >= 2


def reaches(y, hidden, start, goal, skip):
    rows, cols = len(y), len(y[0])
    seen = {start}
    queue = collections.deque([start])
    while queue:
        v = queue.popleft()
        if v == goal:
            return True
        if v < rows:
            for j in range(cols):
                if hidden[v][j] and (v, j) != skip and rows + j not in seen and can_step(y[v][j], sign(v, j, rows, cols)):
                    seen.add(rows + j)
                    queue.append(rows + j)
        else:
            j = v - rows
            for i in range(rows):
                if hidden[i][j] and (i, j) != skip and i not in seen and can_step(y[i][j], -sign(i, j, rows, cols)):
                    seen.add(i)
                    queue.append(i)
    return False


def pinned(y, hidden, r, c):
    rows, cols = len(y), len(y[0])
    s = sign(r, c, rows, cols)
    if can_step(y[r][c], s) and reaches(y, hidden, rows + c, r, (r, c)):
        return False
    return not (can_step(y[r][c], -s) and reaches(y, hidden, r, rows + c, (r, c)))


def smallest_shown(y, hidden, row, col):
    """Interior cells before totals, then the smallest, then row-major order."""
    best, best_key = None, None
    last_r, last_c = len(y) - 1, len(y[0]) - 1
    for r in range(len(y)):
        for c in range(len(y[0])):
            in_line = row is None or r == row or c == col
            if in_line and not hidden[r][c] and y[r][c] != 0:
                key = (r == last_r or c == last_c, y[r][c])
                if best is None or key < best_key:
                    best, best_key = (r, c), key
    return best


def suppress_grid(y, forced_last_row):
    rows, cols = len(y), len(y[0])
    hidden = [[small(y[r][c]) or (r == rows - 1 and forced_last_row[c] and y[r][c] != 0) for c in range(cols)]
              for r in range(rows)]
    while True:
        first = next(((r, c) for r in range(rows) for c in range(cols) if hidden[r][c] and pinned(y, hidden, r, c)), None)
        if first is None:
            return hidden
        add = smallest_shown(y, hidden, first[0], first[1]) or smallest_shown(y, hidden, None, None)
        if add is None:
            return hidden
        hidden[add[0]][add[1]] = True


def pinned_line(v, hidden, i):
    total = len(v) - 1
    for j in range(len(v)):
        if j == i or not hidden[j]:
            continue
        if (i == total) != (j == total):
            return False
        if v[i] >= 2 or v[j] >= 2:
            return False
    return True


def suppress_line(v, with_total):
    hidden = [small(x) for x in v]
    if not with_total:
        return hidden
    while True:
        first = next((i for i in range(len(v)) if hidden[i] and pinned_line(v, hidden, i)), None)
        if first is None:
            return hidden
        best = None
        for i in range(len(v)):
            if not hidden[i] and v[i] != 0 and (best is None or v[i] < v[best]):
                best = i
        if best is None:
            return hidden
        hidden[best] = True


def nearest_rank(sorted_values, percent):
    n = len(sorted_values)
    rank = (percent * n + 99) // 100
    return sorted_values[max(rank, 1) - 1]


# ---- comparing -----------------------------------------------------------------------------------

def ordered_values(table, dim):
    out = []
    for cell in table["cells"]:
        v = cell["key"][dim]
        if v != ALL and v not in out:
            out.append(v)
    return out


def grid_of(table, counts, problems):
    rows_dim, cols_dim = table["dimensions"]
    rows, cols = ordered_values(table, rows_dim), ordered_values(table, cols_dim)
    y = [[0] * (len(cols) + 1) for _ in range(len(rows) + 1)]
    for (rv, cv), n in counts.items():
        if rv not in rows or cv not in cols:
            problems.append("%s: the ledger counts %d for %s=%s, %s=%s, which the report does not list"
                            % (table["id"], n, rows_dim, rv, cols_dim, cv))
            continue
        r, c = rows.index(rv), cols.index(cv)
        for rr, cc in ((r, c), (r, len(cols)), (len(rows), c), (len(rows), len(cols))):
            y[rr][cc] += n
    return rows, cols, y


def compare_cell(table, key, expected, hidden, published, problems):
    cell = published.get(json.dumps(key, sort_keys=True))
    name = "%s %s" % (table["id"], ", ".join("%s=%s" % kv for kv in key.items()))
    if cell is None:
        problems.append("%s: not published" % name)
        return 0
    if cell["suppressed"] != hidden:
        problems.append("%s: published %s, recomputed %s" % (name, "suppressed" if cell["suppressed"] else "shown",
                                                           "suppressed" if hidden else "shown"))
    elif not hidden and cell["count"] != expected:
        problems.append("%s: published %s, recomputed %d" % (name, cell["count"], expected))
    return 1


def check(report, counts, packs, days, synthetic):
    problems = []
    checked = collections.OrderedDict()
    tables = report["tables"]
    # Two-way tables of one part share their column totals: suppressed together (AnnualReports.java).
    families = collections.OrderedDict()
    for t in tables:
        if t["margins"] and len(t["dimensions"]) == 2 and t["id"] != "reports-time-to-finding":
            families.setdefault(t["id"].split("-")[0], []).append(t)
    for family in families.values():
        grids = [(t,) + grid_of(t, counts[t["id"]], problems) for t in family]
        width = len(grids[0][3][0])
        shared = [False] * width
        while True:
            nxt = list(shared)
            hiddens = []
            for t, rows, cols, y in grids:
                h = suppress_grid(y, shared)
                hiddens.append(h)
                nxt = [a or b for a, b in zip(nxt, h[-1])]
            if nxt == shared:
                break
            shared = nxt
        for (t, rows, cols, y), h in zip(grids, hiddens):
            published = {json.dumps(c["key"], sort_keys=True): c for c in t["cells"]}
            n = 0
            rows_dim, cols_dim = t["dimensions"]
            for r, rv in enumerate(rows + [ALL]):
                for c, cv in enumerate(cols + [ALL]):
                    n += compare_cell(t, {rows_dim: rv, cols_dim: cv}, y[r][c], h[r][c], published, problems)
            if n != len(t["cells"]):
                problems.append("%s: %d cells published, %d recomputed" % (t["id"], len(t["cells"]), n))
            checked[t["id"]] = n
    for t in tables:
        published = {json.dumps(c["key"], sort_keys=True): c for c in t["cells"]}
        if t["id"] == "gateway-refusals-by-rule":
            values = ordered_values(t, "rule")
            for (rule,), n in counts[t["id"]].items():
                if rule not in values:
                    problems.append("%s: the ledger counts %d for rule=%s, not listed" % (t["id"], n, rule))
            v = [counts[t["id"]].get((rule,), 0) for rule in values]
            hidden = suppress_line(v, False)
            checked[t["id"]] = sum(compare_cell(t, {"rule": rule}, v[i], hidden[i], published, problems)
                                   for i, rule in enumerate(values))
        elif t["id"] == "reports-time-to-finding":
            offices = ordered_values(t, "routedTo")
            for office in days:
                if office not in offices:
                    problems.append("%s: findings for office %s, not listed" % (t["id"], office))
            lists = [sorted(days.get(o, [])) for o in offices]
            lists.append(sorted(sum(lists, [])))
            n = [len(x) for x in lists]
            hidden = suppress_line(n, True)
            k = 0
            for i, office in enumerate(offices + [ALL]):
                few = n[i] < MAX_SMALL + 1
                k += compare_cell(t, {"routedTo": office, "measure": "findings"}, n[i], hidden[i], published, problems)
                k += compare_cell(t, {"routedTo": office, "measure": "medianDays"},
                                  0 if few else nearest_rank(lists[i], 50), few, published, problems)
                k += compare_cell(t, {"routedTo": office, "measure": "p90Days"},
                                  0 if few else nearest_rank(lists[i], 90), few, published, problems)
            checked[t["id"]] = k
        part = t["id"].split("-")[0]
        if sorted(t["packs"]) != sorted(packs[part]):
            problems.append("%s: packs published %s, recomputed %s" % (t["id"], t["packs"], sorted(packs[part])))
        for c in t["cells"]:
            if not c["suppressed"] and t["id"] != "reports-time-to-finding" and small(c["count"]):
                problems.append("%s: shows a count of %d, below the minimum" % (t["id"], c["count"]))
    if report.get("synthetic") != synthetic:
        problems.append("synthetic: published %s, recomputed %s" % (report.get("synthetic"), synthetic))
    return checked, problems


def main():
    if len(sys.argv) != 3:
        print(__doc__.strip().split("\n\n")[-2], file=sys.stderr)
        return 2
    base, year = sys.argv[1].rstrip("/"), int(sys.argv[2])
    started = time.monotonic()
    try:
        report = json.loads(verify_ledger.fetch(base, "/reports/%d.json" % year))
        size = report["checkpoint"]["size"]
        report_root = base64.b64decode(report["checkpoint"]["root"], validate=True)
        tally = Tally(year)
        leaves, latest, latest_root = read_ledger(base, size, tally)
    except (OSError, ValueError, KeyError) as e:
        print("cannot read the report or the ledger at %s: %s" % (base, e), file=sys.stderr)
        return 2
    read = time.monotonic() - started
    print("report:          %d, computed at checkpoint size %d" % (year, size))
    ok = True
    if verify_ledger.root(leaves) != latest_root:
        print("MISMATCH: the %d entries do not hash to the latest signed checkpoint's root" % latest)
        ok = False
    elif verify_ledger.root(leaves[:size]) != report_root:
        print("MISMATCH: the first %d entries do not hash to the root the report cites" % size)
        ok = False
    else:
        print("ledger:          the first %d of %d entries hash to the report's root; all %d to the latest "
              "checkpoint's" % (size, latest, latest))
    counts, packs, days, synthetic = tally.finish()
    checked, problems = check(report, counts, packs, days, synthetic)
    for table, n in checked.items():
        bad = [p for p in problems if p.startswith(table + ":") or p.startswith(table + " ")]
        print("%-10s %-40s %d figures" % ("MISMATCH" if bad else "OK", table, n))
    for p in problems:
        print("  " + p)
    took = time.monotonic() - started
    print("entries:         %d read in %.1f s, %d checked in %.1f s in all (%.0f entries/s)"
          % (latest, read, size, took, latest / took if took > 0 else 0))
    if ok and not problems:
        print("OK: every figure matches the ledger")
        return 0
    print("MISMATCH: %d problem(s)" % (len(problems) + (0 if ok else 1)))
    return 1


if __name__ == "__main__":
    sys.exit(main())
