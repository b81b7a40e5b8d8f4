"""Checks that two allocations give every person the same cents.

    python benchmarks/compare_cents.py EXPECTED ACTUAL

Each file is either the output of `sipav allocate --format json` (its `amounts` table) or a CSV with the
columns employee_id and amount_cents (as benchmarks/reference/sipav_cycle.py writes). Prints one JSON
object: the people compared, the totals on each side, the people missing from either side and the first
disagreements. Exit code 0 when every person has the same cents on both sides, 1 otherwise.
"""

import json
import sys

import pandas as pd

SHOWN = 10


def amounts(path):
    """employee_id -> amount_cents, as a Series indexed by employee id."""
    if path.endswith(".json"):
        with open(path, encoding="utf-8") as file:
            rows = json.load(file)["amounts"]
        table = pd.DataFrame({"employee_id": [row["employee_id"] for row in rows],
                              "amount_cents": [row["amount_cents"] for row in rows]})
    else:
        table = pd.read_csv(path, usecols=["employee_id", "amount_cents"], dtype={"employee_id": str},
                            encoding="utf-8-sig", keep_default_na=False)
    if table["employee_id"].duplicated().any():
        raise SystemExit(f"{path}: an employee appears twice")
    return table.set_index("employee_id")["amount_cents"].astype("int64")


def compare(expected_path, actual_path):
    expected, actual = amounts(expected_path), amounts(actual_path)
    both = expected.index.intersection(actual.index)
    differ = both[expected[both].to_numpy() != actual[both].to_numpy()]
    missing = expected.index.difference(actual.index)
    extra = actual.index.difference(expected.index)
    return {
        "people": len(both),
        "expected_total_cents": int(expected.sum()),
        "actual_total_cents": int(actual.sum()),
        "missing_from_actual": len(missing),
        "not_in_expected": len(extra),
        "different": len(differ),
        "first_differences": [{"employee_id": person, "expected_cents": int(expected[person]),
                               "actual_cents": int(actual[person])} for person in differ[:SHOWN]],
        "identical": len(differ) == 0 and len(missing) == 0 and len(extra) == 0,
    }


def main(arguments):
    if len(arguments) != 2:
        print(__doc__, file=sys.stderr)
        return 64
    result = compare(*arguments)
    print(json.dumps(result))
    return 0 if result["identical"] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
