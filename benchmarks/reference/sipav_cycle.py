"""The SIPAV yearly cycle in Python with pandas and numpy: a reference implementation for the benchmark.

It reads the files a user imports, validates them, computes the final scores, allocates both funds in
exact cents, computes the differentiation statistics and writes one row per person. It follows the
method's default settings (Config/sipav.yaml) and gives, for every person, the same cents as
`sipav allocate`.

Usage (after benchmarks/setup-python):

    benchmarks/.venv/bin/python benchmarks/reference/sipav_cycle.py --input DIR --output results.csv
        [--plan PLAN.yaml] [--fund FUND.yaml] [--organisation ORG.json] [--statistics STATS.json]

--input      a folder with staff.csv and objectives.csv (as `sipav generate` writes them, or as an Italian
             spreadsheet saves them: UTF-8 with or without BOM, `;` or `,` separated, decimal comma or
             point) and, unless given apart, plan.yaml and fund.yaml.
--plan       the organisational plan with its measurements (default: DIR/plan.yaml). The ente's and
             each Area's results are computed from it exactly (fractions), as `sipav organisation` does.
--organisation  instead of the plan: the output of `sipav organisation --format json`. Its percentages
             carry four decimals, so the cents are exact only when every result is such a decimal
             (true of the demo plan: 95.8, 100, 93.75, 88.75).
--fund       the fund lines and confirmations (default: DIR/fund.yaml).
--output     the per-person results: CSV (UTF-8, `,` separated), one row per person in staff order, with
             columns employee_id, fund (managers | staff), area, final_score (empty when not assessable),
             band, amount_cents.
--statistics the differentiation statistics as JSON (default: the output path with `.statistics.json`
             in place of its extension).

Standard output: one JSON object, on one line:
    people, objectives            the rows read
    startup_seconds               importing numpy and pandas (not in total_seconds)
    read_seconds                  reading and validating every input file
    compute_seconds               final scores + allocation + statistics (also apart: scores_seconds,
                                  allocation_seconds, statistics_seconds)
    write_seconds                 writing the results and the statistics
    total_seconds                 read + compute + write
    peak_rss_bytes                peak resident memory of the process (getrusage)
    funds                         per fund: fund, fund_cents, paid_cents, residual_cents
Exit codes: 0 done; 64 wrong command line; 65 invalid input (each fault printed on standard error as
`file:line: field "f", value "v": rule`); 66 an input file is missing; 69 PyYAML lacks libyaml (no slow fallback).

The checks are those of the CSV files, vectorised: columns, types and ranges, roles and Areas, weights
summing to 100 per person, duplicate people and objectives, ratings present; a fault's line assumes one
line per record. The plan and the fund file are taken as `sipav validate` accepts them (the fund's
confirmations are required). Settings other than the defaults are not read.

Money never touches binary floating point: cents are integers, and every amount is an exact fraction
F * u * b / (S * L) of integers (fund cents, share units, a common numerator of the person's result
bracket) computed in int64 when the bounds allow it and in Python integers otherwise.
"""

import time

STARTED = time.perf_counter()

import argparse  # noqa: E402
import calendar  # noqa: E402
import csv  # noqa: E402
import json  # noqa: E402
import math  # noqa: E402
import os  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from fractions import Fraction  # noqa: E402

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import yaml  # noqa: E402

IMPORTED = time.perf_counter()

# ----------------------------------------------------------------------------------------------------
# The default settings (Config/sipav.yaml).
# ----------------------------------------------------------------------------------------------------

# rows[come][cosa]: the cosa/come matrix of the report.
MATRIX = np.array([[0, 1, 2, 3, 4, 5, 6],
                   [0, 1, 2, 3, 3, 4, 5],
                   [0, 0, 1, 2, 2, 3, 4]], dtype=np.int64)
COME_LETTERS = ["A", "B", "C"]
BANDS = ["BASSA", "MEDIA", "ALTA"]
BAND_OF_SCORE = np.array([0, 0, 1, 1, 1, 2, 2])  # index into BANDS, scores 0..6
COEFFICIENTS = [Fraction(0), Fraction(0), Fraction(2, 6), Fraction(3, 6), Fraction(4, 6), Fraction(5, 6), Fraction(1)]
# The default settings list no category parameter: every category weighs 1 (a listed one would override it).
CATEGORY_PARAMETERS = {}
# Fractions of the share: individual, ente, Area.
COMPONENTS = {"managers": (Fraction(80, 100), Fraction(20, 100), Fraction(0)),
              "staff": (Fraction(60, 100), Fraction(25, 100), Fraction(15, 100))}
DEFAULT_STEP_PERCENTS = [100, 80, 60, 40, 20]
MINIMUM_MONTHS_OF_SERVICE = 0

ROLES = {"segretario_generale": "segretario_generale", "sg": "segretario_generale",
         "dirigente": "dirigente", "dipendente": "dipendente"}
STAFF_COLUMNS = {"employee_id": True, "name": True, "role": True, "category": True, "area": True,
                 "part_time": False, "months": False, "not_assessable": False}
OBJECTIVE_COLUMNS = {"employee_id": True, "objective": True, "title": False, "weight": True,
                     "cosa": False, "come": False}

INT64_MAX = 2**63 - 1
FAULTS_SHOWN = 50


class InputFaults(Exception):
    """Faults of the input files, each `(file, line, field, value, rule)`: nothing is computed."""

    def __init__(self, faults):
        super().__init__(f"{len(faults)} faults")
        self.faults = faults


class MissingFile(Exception):
    pass


# ----------------------------------------------------------------------------------------------------
# Numbers as people write them: 75, 3,16, 734.312,44, 734,312.44, 50 %.
# ----------------------------------------------------------------------------------------------------

def parse_decimal(text):
    """The exact value of a decimal number as written in these files, or None."""
    text = str(text).strip()
    if text.endswith("%"):
        text = text[:-1].strip()
    sign = 1
    if text and text[0] in "+-":
        sign, text = (-1 if text[0] == "-" else 1), text[1:]
    dots, commas = text.count("."), text.count(",")
    if dots and commas:
        decimal_mark = "." if text.rfind(".") > text.rfind(",") else ","
        if text.count(decimal_mark) != 1:
            return None
        group_mark = "," if decimal_mark == "." else "."
    elif dots or commas:
        mark, count = (".", dots) if dots else (",", commas)
        decimal_mark, group_mark = (mark, None) if count == 1 else (None, mark)
    else:
        decimal_mark = group_mark = None
    whole, _, fraction = text.partition(decimal_mark) if decimal_mark else (text, "", "")
    if group_mark:
        groups = whole.split(group_mark)
        if not 1 <= len(groups[0]) <= 3 or any(len(group) != 3 for group in groups[1:]):
            return None
        whole = "".join(groups)
    digits = whole + fraction
    if not digits or not digits.isdigit() or not digits.isascii():
        return None
    return sign * Fraction(int(digits), 10 ** len(fraction))


def parse_percent_column(values):
    """Percentages (`33,33`, `33.33`, `100`, `50 %`) as basis points (100 % = 10000), vectorised.

    Returns (basis points as float with NaN where not a number, a mask of values with more than two
    decimals). A percentage with at most two decimals times 100 is an integer that binary64 holds
    exactly once rounded: no value here is money.
    """
    numbers = values if pd.api.types.is_numeric_dtype(values) else pd.to_numeric(
        values.astype(str).str.strip().str.rstrip("%").str.strip().str.replace(",", ".", regex=False),
        errors="coerce")
    scaled = numbers.to_numpy(dtype=np.float64) * 100
    rounded = np.round(scaled)
    too_many_decimals = np.abs(scaled - rounded) > 1e-6
    return rounded, too_many_decimals


def parse_whole_column(values):
    """Whole numbers without sign, as float with NaN where not such a number, vectorised."""
    if pd.api.types.is_numeric_dtype(values):
        numbers = values.to_numpy(dtype=np.float64)
    else:
        text = values.astype(str).str.strip()
        numbers = pd.to_numeric(text.where(text.str.fullmatch(r"\d{1,9}")), errors="coerce").to_numpy(np.float64)
    return np.where(np.floor(numbers) == numbers, numbers, np.nan)


# ----------------------------------------------------------------------------------------------------
# Reading: the plan (or the organisation report), the fund, the staff and their objectives.
# ----------------------------------------------------------------------------------------------------

# libyaml's loader, as sipav's YAML reader (Yams) is libyaml too: the same document, about five times sooner
# than PyYAML's own loader in Python (0.44 against 2.2 s for the plan of the million-staff body). Without it
# the reference would be slower for a reason that is not pandas', so it refuses to run (main).
YAML_LOADER = getattr(yaml, "CBaseLoader", None)  # PyYAML defines it only when built with libyaml
NO_LIBYAML = ("PyYAML was built without libyaml, whose loader the reference uses as sipav does: its own loader in "
              "Python would add about 1.8 s at a million staff. Install PyYAML with libyaml (PyPI's wheel has it; "
              "benchmarks/setup-python checks it).")


def read_yaml(path):
    """A YAML file with every scalar kept as text (YAML 1.1 would read a bare `no` as false)."""
    try:
        with open(path, encoding="utf-8-sig") as file:
            return yaml.load(file, Loader=YAML_LOADER)
    except FileNotFoundError:
        raise MissingFile(f"{path}: the file does not exist") from None


@dataclass
class Organisation:
    """The results applied to the organisational components: the ente's, and each Area's by Area id."""
    area_ids: list
    ente: Fraction
    areas: dict


def month_end(text):
    """`2019-06` or `06/2019` as (year, month, last day)."""
    if "-" in text:
        year, month = text.split("-")
    else:
        month, year = text.split("/")
    year, month = int(year), int(month)
    return (year, month, calendar.monthrange(year, month)[1])


def calendar_day(text):
    """`2019-07-26` or `26/07/2019` as (year, month, day)."""
    if "-" in text:
        year, month, day = text.split("-")
    else:
        day, month, year = text.split("/")
    return (int(year), int(month), int(day))


def meets(kind, measured, threshold):
    if kind == "below":
        return parse_decimal(measured) < parse_decimal(threshold)
    if kind == "at_most":
        return parse_decimal(measured) <= parse_decimal(threshold)
    if kind == "above":
        return parse_decimal(measured) > parse_decimal(threshold)
    if kind == "at_least":
        return parse_decimal(measured) >= parse_decimal(threshold)
    if kind == "deadline":
        if measured.strip().lower() in ("non completato", "not completed"):
            return False
        return calendar_day(measured.strip()) <= month_end(threshold.strip())
    if kind == "yes_no":
        return measured.strip().lower() in ("sì", "si", "yes", "true")
    raise ValueError(f"unknown scale kind {kind}")


def step_fractions(percents, count):
    given = percents if percents is not None else DEFAULT_STEP_PERCENTS[:count]
    return [parse_decimal(percent) / 100 for percent in given]


def indicator_achievement(indicator):
    """The indicator's achievement as a fraction of one; None when suppressed (out of every mean)."""
    if "suppressed" in indicator:
        return None
    if "composite" in indicator:
        composite = indicator["composite"]
        live = [a for a in map(indicator_achievement, composite["sub_indicators"]) if a is not None]
        mean = sum(live, Fraction(0)) / len(live)
        steps = step_fractions(composite.get("percents"), 5)
        return max((step for step in steps if step <= mean), default=Fraction(0))  # snap_to_step
    scale = indicator["scale"]
    kind = scale["kind"].strip()
    thresholds = ["sì"] if kind == "yes_no" else scale["thresholds"]
    for threshold, achievement in zip(thresholds, step_fractions(scale.get("percents"), len(thresholds))):
        if meets(kind, indicator["measured"], threshold):
            return achievement
    return Fraction(0)


def organisation_from_plan(path):
    """The ente's and each Area's result: plain means of their objectives, each the plain mean of its
    live indicators; a figure validated by the OIV replaces the computed one. The plan is taken as
    `sipav validate` accepts it: its faults are not looked for here."""
    plan = read_yaml(path)
    area_ids = [area["id"].strip() for area in plan["areas"]]
    canonical = {area.lower(): area for area in area_ids}
    validated = {}
    for figure in plan.get("validated") or []:
        scope = ":".join(part.strip() for part in figure["scope"].split(":", 1))
        kind, _, name = scope.partition(":")
        key = "ente" if kind.lower() == "ente" else f"{kind.lower()}:{canonical.get(name.lower(), name)}"
        validated[key] = parse_decimal(figure["percent"]) / 100
    by_owner = {}
    for objective in plan["objectives"]:
        live = [a for a in map(indicator_achievement, objective["indicators"]) if a is not None]
        if not live:  # every indicator suppressed: the objective is left out of every mean, as they are
            continue
        achievement = validated.get(f"objective:{objective['id'].strip()}", sum(live, Fraction(0)) / len(live))
        owner = objective["owner"].strip()
        owner = "ente" if owner.lower() == "ente" else canonical[owner.lower()]
        by_owner.setdefault(owner, []).append(achievement)

    def result(owner, key):
        return validated.get(key, sum(by_owner[owner], Fraction(0)) / len(by_owner[owner]))

    return Organisation(area_ids, result("ente", "ente"),
                        {area: result(area, f"area:{area}") for area in area_ids})


def organisation_from_report(path):
    """The results table of `sipav organisation --format json`: scope `Ente` or `AREA1 – name`."""
    try:
        with open(path, encoding="utf-8") as file:
            report = json.load(file, parse_float=str, parse_int=str)
    except FileNotFoundError:
        raise MissingFile(f"{path}: the file does not exist") from None
    ente, areas = None, {}
    for row in report["results"]:
        applied = Fraction(row["applied_percent"]) / 100
        if row["scope"] == "Ente":
            ente = applied
        else:
            areas[row["scope"].split(" – ")[0].strip()] = applied
    return Organisation(list(areas), ente, areas)


def euro_cents(text):
    value = parse_decimal(text)
    if value is None or value < 0 or (value * 100).denominator != 1:
        return None
    return int(value * 100)


def read_fund(path):
    """Each fund's total in cents; the Giunta's and the OIV's confirmations are required to allocate."""
    fund = read_yaml(path)
    totals, faults = {"staff": 0, "managers": 0}, []
    for number, line in enumerate(fund["lines"], start=1):
        cents = euro_cents(line["amount"])
        if cents is None or line["fund"] not in totals:
            faults.append((path, None, f"lines[{number}]", line.get("amount"), "a fund line is staff or managers, "
                           "with an amount in euros, not negative, with at most two decimals"))
        else:
            totals[line["fund"]] += cents
    for confirmation in ("giunta", "oiv"):
        if not fund.get(confirmation):
            faults.append((path, None, confirmation, "", f"the {confirmation} confirmation is recorded before allocating"))
    if faults:
        raise InputFaults(faults)
    return totals


def csv_header(path):
    """The separator (`;` or `,`, the more frequent in the header) and the header's names."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as file:
            first = file.readline()
    except FileNotFoundError:
        raise MissingFile(f"{path}: the file does not exist") from None
    separator = "," if first.count(",") > first.count(";") else ";"
    return separator, next(csv.reader([first.rstrip("\r\n")], delimiter=separator))


def header_faults(path, names, columns):
    faults = []
    lowered = [name.strip().lower() for name in names]
    for name in lowered:
        if name not in columns:
            faults.append((path, 1, "header", name, f"unknown column; known columns are {', '.join(columns)}"))
    for name in {name for name in lowered if lowered.count(name) > 1}:
        faults.append((path, 1, "header", name, "the column appears twice in the header"))
    for name, required in columns.items():
        if required and name not in lowered:
            faults.append((path, 1, "header", name, "required column is missing from the header"))
    return faults


def read_table(path, columns, dtypes):
    """A CSV file as a frame with lower-case column names; empty fields are NaN. Only the known
    columns are read; their dtypes are `dtypes` (numbers are inferred, decimal comma with `;`)."""
    separator, names = csv_header(path)
    faults = header_faults(path, names, columns)
    if faults:
        raise InputFaults(faults)
    frame = pd.read_csv(path, sep=separator, encoding="utf-8-sig", decimal="," if separator == ";" else ".",
                        keep_default_na=False, na_values=[""], skip_blank_lines=True,
                        usecols=lambda name: name.strip().lower() in dtypes,
                        dtype={name: dtypes[name.strip().lower()] for name in names
                               if dtypes.get(name.strip().lower()) is not None})
    frame.columns = [name.strip().lower() for name in frame.columns]
    for name in dtypes:
        if name not in frame.columns:
            frame[name] = pd.Series(np.nan, index=frame.index, dtype=object)
    # A row of empty fields is skipped, as a blank line.
    return frame.dropna(how="all")


def file_lines(frame):
    """The file line of each row (header on line 1, one line per record)."""
    return frame.index.to_numpy() + 2


class Faults:
    """Collects faults found by vectorised checks: each check is a mask over a frame's rows."""

    def __init__(self):
        self.list = []

    def add(self, path, frame, mask, field, rule, values=None):
        rows = np.flatnonzero(np.asarray(mask))
        if rows.size == 0:
            return
        lines = file_lines(frame)[rows]
        shown = values if values is not None else (frame[field] if field in frame else None)
        for row, line in zip(rows[:FAULTS_SHOWN], lines[:FAULTS_SHOWN]):
            self.list.append((path, int(line), field, "" if shown is None else shown_value(shown.iloc[row]), rule))
        if rows.size > FAULTS_SHOWN:
            self.list.append((path, None, field, "", f"{rows.size - FAULTS_SHOWN} more rows break the rule: {rule}"))

    def raise_if_any(self):
        if self.list:
            raise InputFaults(sorted(self.list, key=lambda fault: (fault[0], fault[1] or 0)))


def shown_value(value):
    """A field's value for a fault: numbers that pandas read as 7.0 are shown as 7."""
    if pd.isna(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def normalised_categories(column, normalise, empty=None):
    """Applies `normalise` to each distinct value of a categorical column, not to each row (a column of
    a million rows holds a handful of roles, Areas or ratings); empty fields give `empty`. An array."""
    if not isinstance(column.dtype, pd.CategoricalDtype):
        column = column.astype("category")
    mapped = [normalise(str(value)) for value in column.cat.categories] + [empty]
    return np.array(mapped, dtype=object if any(isinstance(value, str) or value is None for value in mapped)
                    else np.int64)[column.cat.codes.to_numpy()]


@dataclass
class Staff:
    """One entry per person, in file order."""
    ids: np.ndarray           # object: employee ids
    fund: np.ndarray          # bool: paid from the managers' fund
    area: np.ndarray          # int: index into area_ids, -1 for none
    area_ids: list            # the plan's Areas
    category: pd.Categorical
    part_time: np.ndarray     # int: basis points, 10000 = full time
    months: np.ndarray        # int: 0..12
    assessable: np.ndarray    # bool


def read_staff(path, area_ids):
    frame = read_table(path, STAFF_COLUMNS, {"employee_id": str, "name": str, "role": "category",
                                             "category": "category", "area": "category", "part_time": None,
                                             "months": None, "not_assessable": "category"})
    faults = Faults()
    ids = frame["employee_id"]
    faults.add(path, frame, ids.isna(), "employee_id", "the employee_id is required")
    faults.add(path, frame, ids.str.len() > 64, "employee_id", "an employee_id has at most 64 characters")
    faults.add(path, frame, ids.notna() & ids.duplicated(), "employee_id", "each employee appears once")
    faults.add(path, frame, frame["name"].isna(), "name", "the name is required")
    faults.add(path, frame, frame["category"].isna(), "category", "the category is required (DIR, D, C, B, ...)")

    role = normalised_categories(frame["role"], lambda text: ROLES.get("_".join(text.lower().replace("_", " ").split())))
    faults.add(path, frame, pd.isna(role), "role", "the role is segretario_generale (or SG), dirigente or dipendente",
               frame["role"])

    lowered = {area.lower(): index for index, area in enumerate(area_ids)}
    area = normalised_categories(frame["area"], lambda text: lowered.get(text.strip().lower(), -2), empty=-1)
    faults.add(path, frame, (area == -1) & ~pd.isna(role) & (role != "segretario_generale"), "area",
               "the Area is required for everyone but the Segretario Generale")
    faults.add(path, frame, area == -2, "area", f"unknown Area; the plan's Areas are {', '.join(area_ids)}")

    part_time, too_many = parse_percent_column(frame["part_time"])
    given = frame["part_time"].notna().to_numpy()
    part_time = np.where(given, part_time, 10_000)
    faults.add(path, frame, given & too_many, "part_time", "part time has at most two decimals")
    faults.add(path, frame, given & ~too_many & ~((part_time > 0) & (part_time <= 10_000)), "part_time",
               "part time is a percentage above 0 and at most 100, like 100 or 33,33")

    months = parse_whole_column(frame["months"])
    given = frame["months"].notna().to_numpy()
    months = np.where(given, months, 12)
    faults.add(path, frame, ~((months >= 0) & (months <= 12)), "months",
               "months of service are a whole number from 0 to 12 (empty = 12)")

    if len(frame) == 0:
        faults.list.append((path, 1, None, "", "the file lists no staff: one row per person under the header"))
    faults.raise_if_any()

    reason = normalised_categories(frame["not_assessable"], lambda text: text.strip() or None)
    months = months.astype(np.int64)
    return Staff(ids=ids.to_numpy(dtype=object), fund=role != "dipendente", area=area, area_ids=area_ids,
                 category=pd.Categorical(frame["category"]), part_time=part_time.astype(np.int64), months=months,
                 assessable=(pd.isna(reason) & (months >= MINIMUM_MONTHS_OF_SERVICE)))


@dataclass
class Objectives:
    person: np.ndarray        # int: index into the staff
    weight: np.ndarray        # int: basis points
    cosa: np.ndarray          # int: 0..6, -1 when not rated
    come: np.ndarray          # int: 0 (A), 1 (B), 2 (C), -1 when not rated


def read_objectives(path, staff):
    frame = read_table(path, OBJECTIVE_COLUMNS, {"employee_id": str, "objective": "category", "weight": None,
                                                 "cosa": None, "come": "category"})
    faults = Faults()
    staff_index = pd.Index(staff.ids)
    person = staff_index.get_indexer(frame["employee_id"])
    if (person < 0).any():  # fields with spaces around them, read again trimmed
        person = staff_index.get_indexer(frame["employee_id"].str.strip())
    faults.add(path, frame, (person < 0) & frame["employee_id"].isna(), "employee_id", "the employee_id is required")
    faults.add(path, frame, (person < 0) & frame["employee_id"].notna(), "employee_id",
               "unknown employee: not in the staff list")
    faults.add(path, frame, frame["objective"].isna(), "objective", "the objective's code is required")

    weight, too_many = parse_percent_column(frame["weight"])
    given = frame["weight"].notna().to_numpy()
    faults.add(path, frame, ~given, "weight", "the weight is required")
    faults.add(path, frame, given & too_many, "weight", "the weight has at most two decimals")
    weight_ok = given & ~too_many & (weight > 0) & (weight <= 10_000)
    faults.add(path, frame, given & ~too_many & ~weight_ok, "weight",
               "the weight is a percentage above 0 and at most 100, like 100 or 33,33")

    cosa_given, come_given = frame["cosa"].notna().to_numpy(), frame["come"].notna().to_numpy()
    together = "cosa and come are given together (both empty while the objective is not rated)"
    faults.add(path, frame, ~cosa_given & come_given, "cosa", together)
    faults.add(path, frame, cosa_given & ~come_given, "come", together)
    cosa = parse_whole_column(frame["cosa"])
    faults.add(path, frame, cosa_given & ~((cosa >= 0) & (cosa <= 6)), "cosa", "cosa is a whole number from 0 to 6")
    letters = {letter: index for index, letter in enumerate(COME_LETTERS)}
    come = normalised_categories(frame["come"], lambda text: letters.get(text.strip().upper(), -2), empty=-1)
    faults.add(path, frame, come_given & (come < 0), "come", "come is A, B or C")
    faults.raise_if_any()

    objectives = Objectives(person=person.astype(np.int64), weight=weight.astype(np.int64),
                            cosa=np.where(cosa_given, cosa, -1).astype(np.int64), come=come)
    check_people(path, frame, objectives, staff)
    return objectives


def check_people(path, frame, objectives, staff):
    """The rules over each person's objectives: weights sum to 100, each objective once, an assessable
    person has objectives and every one is rated."""
    faults = Faults()
    people = len(staff.ids)
    codes = frame["objective"].cat.codes.to_numpy().astype(np.int64)
    pair = objectives.person * (codes.max(initial=0) + 1) + codes
    faults.add(path, frame, pd.Series(pair).duplicated().to_numpy(), "objective", "each objective of a person appears once")

    # Integer weights far below 2^53: the float sums of bincount are exact.
    total = np.bincount(objectives.person, weights=objectives.weight, minlength=people).astype(np.int64)
    count = np.bincount(objectives.person, minlength=people)
    wrong_sum = (total != 10_000) & (count > 0)
    if wrong_sum.any():  # the fault is on the person's first objective, showing the sum
        first_row = pd.Series(np.arange(len(frame))).groupby(objectives.person).transform("min").to_numpy()
        faults.add(path, frame, wrong_sum[objectives.person] & (first_row == np.arange(len(frame))), "weight",
                   "the weights of a person's objectives sum to 100",
                   pd.Series(total[objectives.person]).map(lambda basis_points: f"{basis_points / 100:.2f}"))
    unrated = staff.assessable[objectives.person] & (objectives.cosa < 0)
    faults.add(path, frame, unrated, "cosa", "every objective of an assessable person is rated before scoring")
    no_objectives = staff.assessable & (count == 0)
    if no_objectives.any():
        for person in np.flatnonzero(no_objectives)[:FAULTS_SHOWN]:
            faults.list.append((path, None, "employee_id", staff.ids[person],
                                "an assessable person has at least one individual objective"))
    faults.raise_if_any()


# ----------------------------------------------------------------------------------------------------
# Final scores.
# ----------------------------------------------------------------------------------------------------

@dataclass
class Scores:
    score: np.ndarray         # int: 0..6, -1 when not assessable
    band: np.ndarray          # int: index into BANDS (not assessable: BASSA)


def final_scores(staff, objectives):
    """The weighted mean of the objective scores (cosa/come matrix), rounded half-up, and its band."""
    rated = objectives.cosa >= 0
    objective_score = np.where(rated, MATRIX[np.maximum(objectives.come, 0), np.maximum(objectives.cosa, 0)], 0)
    # Integers below 2^53: exact.
    weighted_sum = np.bincount(objectives.person, weights=objectives.weight * objective_score,
                               minlength=len(staff.ids)).astype(np.int64)
    whole, rest = np.divmod(weighted_sum, 10_000)
    score = np.where(staff.assessable, whole + (rest >= 5_000), -1)
    band = np.where(score >= 0, BAND_OF_SCORE[np.maximum(score, 0)], 0)
    return Scores(score=score, band=band)


# ----------------------------------------------------------------------------------------------------
# Allocation in exact cents.
# ----------------------------------------------------------------------------------------------------

def largest(values):
    return int(np.max(np.abs(values), initial=0))


def exact_multiply(a, b):
    """`a * b` element by element, exactly: int64 when no product can overflow, else Python integers."""
    if a.dtype != object and b.dtype != object and largest(a) * largest(b) <= INT64_MAX:
        return a * b
    return a.astype(object) * b.astype(object)


def exact_integers(values):
    """Python integers as an int64 array when they all fit, else as an array of Python integers."""
    array = np.array(values, dtype=object)
    return array.astype(np.int64) if largest(array) <= INT64_MAX else array


def exact_sum(values):
    """The exact sum of non-negative integers (int64 or Python integers) as a Python integer."""
    if values.dtype != object and int(values.max(initial=0)) * len(values) <= INT64_MAX:
        return int(values.sum())
    return int(sum(values.astype(object).tolist()))


def remainder_limbs(remainders, denominator):
    """Remainders (each below `denominator`) as int64 arrays of 62 bits each, most significant first,
    so that numpy can order them exactly whatever their size."""
    if denominator <= INT64_MAX:
        return [remainders.astype(np.int64)]
    limbs, rest = [], remainders.astype(object)
    for shift in reversed(range(0, denominator.bit_length(), 62)):
        limbs.append((rest >> shift).astype(np.int64))
        rest = rest & ((1 << shift) - 1)
    return limbs


def largest_remainder_cents(numerators, denominator, ids):
    """Rounds the exact amounts `numerators / denominator` to cents adding up to their exact sum rounded
    half-up: each gets the floor, and the cents left over go one each to the largest remainders, ties to
    the lower employee id. Returns (cents, total)."""
    total = (2 * exact_sum(numerators) + denominator) // (2 * denominator)
    if numerators.dtype == object or denominator > INT64_MAX:
        numerators = numerators.astype(object)
        floors = numerators // denominator
        remainders = numerators - floors * denominator
    else:
        floors, remainders = np.divmod(numerators, denominator)
    cents = floors.astype(np.int64)
    leftover = total - int(cents.sum())
    if leftover == 0:
        return cents, total
    limbs = remainder_limbs(remainders, denominator)
    order = np.lexsort([-limb for limb in reversed(limbs)])
    # Everyone above the remainder of the last cent gets one; among those equal to it, the lower ids.
    edge = order[leftover - 1]
    tied = np.logical_and.reduce([limb[order] == limb[edge] for limb in limbs])
    first_tied = int(np.argmax(tied))
    last_tied = len(order) - int(np.argmax(tied[::-1]))
    cents[order[:first_tied]] += 1
    tie_group = order[first_tied:last_tied]
    by_id = tie_group[np.argsort(ids[tie_group].astype(str), kind="stable")]
    cents[by_id[:leftover - first_tied]] += 1
    return cents, total


def lcm_of_denominators(values):
    return math.lcm(*(value.denominator for value in values))


def share_units(members, staff):
    """Each member's share weight (category parameter x part time x months / 12) as integers on one
    common denominator, divided by their greatest common divisor."""
    parameters = [CATEGORY_PARAMETERS.get(category, Fraction(1)) for category in staff.category.categories]
    parameter_denominator = lcm_of_denominators(parameters)
    category_units = exact_integers([int(value * parameter_denominator) for value in parameters])
    units = exact_multiply(category_units[staff.category.codes[members]], staff.part_time[members] * staff.months[members])
    common = math.gcd(*units.tolist()) if units.dtype == object else int(np.gcd.reduce(units, initial=0))
    return units // max(common, 1)


def result_brackets(kind, organisation):
    """What a person earns per unit of share, for each final score and Area (the last column: no Area):
    individual x coefficient + ente x ente result + Area x Area result. A handful of exact fractions,
    returned as integer numerators over their common denominator."""
    individual, ente, area = COMPONENTS[kind]
    area_results = [organisation.areas[area_id] for area_id in organisation.area_ids] + [Fraction(0)]
    brackets = [[individual * COEFFICIENTS[score] + ente * organisation.ente + area * area_result
                 for area_result in area_results] for score in range(7)]
    denominator = lcm_of_denominators(value for row in brackets for value in row)
    numerators = exact_integers([[int(value * denominator) for value in row] for row in brackets])
    return numerators, denominator


def allocate_fund(kind, fund_cents, members, staff, scores, organisation):
    """One fund. A person's exact amount, in cents, is fund x units / total units x bracket, nothing at all
    in band BASSA: with integers, fund x units x bracket numerator / (total units x bracket denominator)."""
    units = share_units(members, staff)
    unit_total = exact_sum(units)
    if unit_total == 0:
        return np.zeros(len(members), dtype=np.int64), 0, units, unit_total
    bracket_numerators, bracket_denominator = result_brackets(kind, organisation)
    score = scores.score[members]
    person_bracket = bracket_numerators[np.maximum(score, 0), staff.area[members]]
    person_bracket = np.where(scores.band[members] != 0, person_bracket, 0).astype(person_bracket.dtype)
    numerators = exact_multiply(exact_multiply(units, person_bracket), exact_integers(fund_cents))
    cents, total = largest_remainder_cents(numerators, unit_total * bracket_denominator, staff.ids[members])
    return cents, total, units, unit_total


@dataclass
class FundResult:
    kind: str
    members: np.ndarray
    fund_cents: int
    paid_cents: int
    units: np.ndarray
    unit_total: int


def allocate(staff, scores, organisation, fund_totals):
    cents = np.zeros(len(staff.ids), dtype=np.int64)
    funds = []
    for kind, in_fund in (("managers", staff.fund), ("staff", ~staff.fund)):
        members = np.flatnonzero(in_fund)
        member_cents, total, units, unit_total = allocate_fund(kind, fund_totals[kind], members, staff, scores,
                                                               organisation)
        cents[members] = member_cents
        funds.append(FundResult(kind, members, fund_totals[kind], total, units, unit_total))
    return cents, funds


# ----------------------------------------------------------------------------------------------------
# Differentiation statistics.
# ----------------------------------------------------------------------------------------------------

def half_up(value, digits):
    """An exact fraction rounded half-up to `digits` decimals, as a number for JSON."""
    scale = 10 ** digits
    return math.floor(value * scale + Fraction(1, 2)) / scale


def tenths_of_percent(count, population):
    """`count` as a percentage of `population` to one decimal, half-up."""
    return None if population == 0 else half_up(Fraction(100 * count, population), 1)


SCORE_LABELS = [(str(score), score) for score in range(6, -1, -1)] + [("n.v.", -1)]


def people_frame(staff, scores, cents, funds):
    """One row per person, sorted by amount (so that a group's rows are in the order its Gini index
    needs), with the person's share units for the money allocated."""
    units = np.zeros(len(staff.ids), dtype=object if any(fund.units.dtype == object for fund in funds) else np.int64)
    for fund in funds:
        units[fund.members] = fund.units
    # Group keys are categorical: factorised once, not at every group-by.
    people = pd.DataFrame({"everyone": pd.Categorical.from_codes(np.zeros(len(cents), dtype=np.int8), ["everyone"]),
                           "fund": pd.Categorical.from_codes(np.where(staff.fund, 0, 1), ["managers", "staff"]),
                           "area": pd.Categorical.from_codes(staff.area, staff.area_ids),
                           "category": staff.category, "score": scores.score, "band": scores.band,
                           "cents": cents, "units": units})
    return people.iloc[np.argsort(cents, kind="stable")]


def gini_by_group(groups, people, key):
    """Gini index of each group's amounts, zeros included: (2 sum i x_i) / (n sum x) - (n + 1) / n with
    the amounts ascending, i from 1 (a statistic, not money: binary floating point). `people` are sorted
    by amount, so the rank of a row within its group is its running count."""
    rank = groups.cumcount().to_numpy() + 1
    size = groups.size()
    weighted = pd.Series(rank * people["cents"].to_numpy(dtype=np.float64), index=people.index) \
        .groupby(people[key], observed=True).sum().reindex(size.index).to_numpy()
    count, total = size.to_numpy(), groups["cents"].sum().reindex(size.index).to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        gini = 2 * weighted / (count * total.astype(np.float64)) - (count + 1) / count
    return pd.Series(np.where(total > 0, gini, np.nan), index=size.index)


def bonus_figures(figures, group, key):
    """Count, total, mean, minimum and maximum of the amounts (cents) of one class of a group; `figures` maps
    (group, class) to the aggregates (a dict: looked up thousands of times, where `.loc` on the frame is slow)."""
    row = figures.get((group, key))
    if row is None:
        return {"people": 0, "total_cents": 0, "mean_cents": None, "minimum_cents": None, "maximum_cents": None}
    return {"people": int(row["count"]), "total_cents": int(row["sum"]),
            "mean_cents": half_up(Fraction(int(row["sum"]), int(row["count"])), 4),
            "minimum_cents": int(row["min"]), "maximum_cents": int(row["max"])}


def grouped_statistics(people, key, names, funds):
    """The statistics of each group of `people` by the column `key`, for the groups `names` in order:
    counts and percentages by score and band; mean, median and (population) standard deviation of the
    assessable scores; the Gini index of the amounts; the bonus by score and by band; the money
    allocated (the exact theoretical shares, rounded half-up), paid and not paid."""
    groups = people.groupby(key, observed=True, sort=False)
    population = groups.size()
    by_score = people.groupby([key, "score"], observed=True).size()
    by_band = people.groupby([key, "band"], observed=True).size()
    assessed = people[people["score"] >= 0].groupby(key, observed=True)["score"]
    score_sum, score_count, median, deviation = assessed.sum(), assessed.count(), assessed.median(), assessed.std(ddof=0)
    bonus_by_score = people.groupby([key, "score"], observed=True)["cents"].agg(["count", "sum", "min", "max"]).to_dict("index")
    bonus_by_band = people.groupby([key, "band"], observed=True)["cents"].agg(["count", "sum", "min", "max"]).to_dict("index")
    units = people.groupby([key, "fund"], observed=True)["units"].sum()
    paid = groups["cents"].sum()
    gini = gini_by_group(groups, people, key)

    def count(series, group, value):
        return int(series.get((group, value), 0))

    published = []
    for group in names:
        size = int(population.get(group, 0))
        assessable = int(score_count.get(group, 0))
        allocated = sum((Fraction(fund.fund_cents * int(units.get((group, fund.kind), 0)), fund.unit_total)
                         for fund in funds if fund.unit_total), Fraction(0))
        allocated = math.floor(allocated + Fraction(1, 2))
        paid_cents = int(paid.get(group, 0))
        published.append({
            "group": f"{key}:{group}" if key in ("area", "category") else group,
            "people": size,
            "not_assessable": count(by_score, group, -1),
            "distribution": [{"score": label, "people": count(by_score, group, score),
                              "percent": tenths_of_percent(count(by_score, group, score), size)}
                             for label, score in SCORE_LABELS],
            "bands": [{"band": band, "people": count(by_band, group, index),
                       "percent": tenths_of_percent(count(by_band, group, index), size)}
                      for index, band in enumerate(BANDS)],
            "mean_score": half_up(Fraction(int(score_sum[group]), assessable), 4) if assessable else None,
            "median_score": float(median[group]) if assessable else None,
            "standard_deviation": round(float(deviation[group]), 4) if assessable else None,
            "gini_index": None if pd.isna(gini.get(group, np.nan)) else round(float(gini[group]), 4),
            "allocated_cents": allocated,
            "paid_cents": paid_cents,
            "unpaid_cents": allocated - paid_cents,
            "bonus_by_score": [dict(score=label, **bonus_figures(bonus_by_score, group, score))
                               for label, score in SCORE_LABELS],
            "bonus_by_band": [dict(band=band, **bonus_figures(bonus_by_band, group, index))
                              for index, band in enumerate(BANDS)],
        })
    return published


def statistics(staff, scores, cents, funds):
    """Everyone, managers, other staff, and other staff per Area (plan order) and per category."""
    people = people_frame(staff, scores, cents, funds)
    others = people[people["fund"] == "staff"]
    categories = sorted(others["category"].dropna().unique())
    return {
        "groups": grouped_statistics(people, "everyone", ["everyone"], funds)
        + grouped_statistics(people, "fund", ["managers", "staff"], funds)
        + grouped_statistics(others, "area", staff.area_ids, funds)
        + grouped_statistics(others, "category", categories, funds),
        "funds": [{"fund": fund.kind, "fund_cents": fund.fund_cents, "paid_cents": fund.paid_cents,
                   "residual_cents": fund.fund_cents - fund.paid_cents} for fund in funds],
    }


# ----------------------------------------------------------------------------------------------------
# Writing.
# ----------------------------------------------------------------------------------------------------

def write_results(path, staff, scores, cents):
    """One row per person, in staff order."""
    pd.DataFrame({
        "employee_id": staff.ids,
        "fund": np.where(staff.fund, "managers", "staff"),
        "area": np.array(staff.area_ids + [""], dtype=object)[staff.area],
        "final_score": pd.Series(scores.score).astype("Int64").mask(scores.score < 0),
        "band": np.array(BANDS, dtype=object)[scores.band],
        "amount_cents": cents,
    }).to_csv(path, index=False)


def write_statistics(path, published):
    with open(path, "w", encoding="utf-8") as file:
        json.dump(published, file, ensure_ascii=False, indent=1)
        file.write("\n")


# ----------------------------------------------------------------------------------------------------
# The cycle.
# ----------------------------------------------------------------------------------------------------

class ArgumentParser(argparse.ArgumentParser):
    def error(self, message):
        self.print_usage(sys.stderr)
        self.exit(64, f"{self.prog}: {message}\n")


def parse_arguments(arguments):
    parser = ArgumentParser(description="The SIPAV cycle in pandas: scores, exact cents, statistics.")
    parser.add_argument("--input", required=True, help="folder with staff.csv, objectives.csv (plan.yaml, fund.yaml)")
    parser.add_argument("--output", required=True, help="per-person results (CSV)")
    parser.add_argument("--plan", help="organisational plan (default: INPUT/plan.yaml)")
    parser.add_argument("--organisation", help="`sipav organisation --format json` output, in place of the plan")
    parser.add_argument("--fund", help="fund file (default: INPUT/fund.yaml)")
    parser.add_argument("--statistics", help="statistics JSON (default: OUTPUT with .statistics.json)")
    return parser.parse_args(arguments)


def peak_rss_bytes():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # kilobytes on Linux


def run(options):
    timings = {}
    clock = time.perf_counter()

    def lap(step):
        nonlocal clock
        now = time.perf_counter()
        timings[step] = now - clock
        clock = now

    organisation = organisation_from_report(options.organisation) if options.organisation \
        else organisation_from_plan(options.plan or os.path.join(options.input, "plan.yaml"))
    fund_totals = read_fund(options.fund or os.path.join(options.input, "fund.yaml"))
    staff = read_staff(os.path.join(options.input, "staff.csv"), organisation.area_ids)
    objectives = read_objectives(os.path.join(options.input, "objectives.csv"), staff)
    lap("read")
    scores = final_scores(staff, objectives)
    lap("scores")
    cents, funds = allocate(staff, scores, organisation, fund_totals)
    lap("allocation")
    published = statistics(staff, scores, cents, funds)
    lap("statistics")
    write_results(options.output, staff, scores, cents)
    write_statistics(options.statistics or os.path.splitext(options.output)[0] + ".statistics.json", published)
    lap("write")

    compute = timings["scores"] + timings["allocation"] + timings["statistics"]
    return {
        "people": len(staff.ids),
        "objectives": len(objectives.person),
        "startup_seconds": round(IMPORTED - STARTED, 4),
        "read_seconds": round(timings["read"], 4),
        "compute_seconds": round(compute, 4),
        "scores_seconds": round(timings["scores"], 4),
        "allocation_seconds": round(timings["allocation"], 4),
        "statistics_seconds": round(timings["statistics"], 4),
        "write_seconds": round(timings["write"], 4),
        "total_seconds": round(timings["read"] + compute + timings["write"], 4),
        "peak_rss_bytes": peak_rss_bytes(),
        "funds": published["funds"],
    }


def main(arguments=None):
    options = parse_arguments(arguments)
    if YAML_LOADER is None:
        print(f"sipav_cycle.py: {NO_LIBYAML}", file=sys.stderr)
        return 69
    try:
        report = run(options)
    except InputFaults as error:
        for path, line, field, value, rule in error.faults:
            where = f"{path}:{line}" if line is not None else path
            field_text = f' field "{field}", value "{value}":' if field else ""
            print(f"{where}:{field_text} {rule}", file=sys.stderr)
        return 65
    except MissingFile as error:
        print(error, file=sys.stderr)
        return 66
    json.dump(report, sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
