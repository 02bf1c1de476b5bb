"""The peer of `make bench` (issue 16): what a data-savvy user writes instead of tiendo.

Python with polars + fastexcel (calamine underneath): each export read with
`polars.read_excel(engine="calamine")`, only the six columns the figures need, dates typed as
dates (the deadline column, which mixes dates and texts, read as text and parsed), then the status rules of SPEC 4.2 / 4.7 as polars expressions (period by assignment
date, status at the cut-off, the extended deadline when there is one, a status text deciding a
completed task without a completion date, cancelled tasks left out) and the counts per lead
agency. It does less than tiendo: no duplicate merging, no agency-name matching or mergers
(counts are per name as written), no document-date fallback for a missing assignment date, no
findings. Prints JSON in the shape of `tiendo figures --format json` (`total`, `rows` with
`key`), so `tiendo-bench` can compare its figures with expected.json too.

Usage: python3 bench/peer_polars.py [--period-start 2025-01-01] [--cut 2025-12-31] FILE.xlsx...
"""

import argparse
import datetime as dt
import json
import sys

import polars as pl

AGENCY = "Đơn vị chủ trì"
ASSIGNED = "Ngày giao"
DEADLINE = "Hạn xử lý"
EXTENDED = "Hạn gia hạn"
COMPLETED = "Ngày hoàn thành"
STATUS = "Trạng thái"
DATES = [ASSIGNED, DEADLINE, EXTENDED, COMPLETED]

# SPEC 3.1: a cancelled, withdrawn, reassigned or paused task leaves every count.
CANCELLED = r"hủy|huỷ|thu hồi|rút|dừng thực hiện|không thực hiện|giao lại|tạm hoãn"
FIELDS = ["total", "completed", "on_time", "late", "not_completed", "within", "overdue",
          "no_deadline"]


def read(path: str) -> pl.DataFrame:
    # The exports carry two title rows above the header (row 3 of the sheet).
    return pl.read_excel(
        path,
        engine="calamine",
        read_options={"header_row": 2},
        columns=[AGENCY, ASSIGNED, DEADLINE, EXTENDED, COMPLETED, STATUS],
        # The deadline column mixes dates with texts ("Thường xuyên", "Không thời hạn": no
        # deadline), which a Date override refuses: it is read as text and parsed below.
        schema_overrides={**{c: pl.Date for c in DATES if c != DEADLINE}, DEADLINE: pl.String},
    ).with_columns(
        pl.col(DEADLINE).str.slice(0, 10).str.to_date("%Y-%m-%d", strict=False)
    )


def figures(df: pl.LazyFrame, start: dt.date, cut: dt.date) -> pl.DataFrame:
    completed = pl.col(COMPLETED)
    deadline = pl.col("deadline")
    status = pl.col("status")
    done = completed.is_not_null() & (completed <= cut)
    # No completion date: a status text that says completed decides (SPEC 4.7).
    says_done = completed.is_null() & status.str.starts_with("hoàn thành")
    says_late = status.str.contains("quá hạn|trễ hạn")
    on_time = (done & (deadline.is_null() | (completed <= deadline))) | (says_done & ~says_late)
    late = (done & deadline.is_not_null() & (completed > deadline)) | (says_done & says_late)
    return (
        df.with_columns(
            # Each derived column once, before the filter and the group-by.
            pl.coalesce(pl.col(EXTENDED), pl.col(DEADLINE)).alias("deadline"),
            pl.col(STATUS).str.to_lowercase().fill_null("").alias("status"),
        )
        .filter(
            pl.col(AGENCY).is_not_null()
            & pl.col(ASSIGNED).is_between(start, cut)
            & ~status.str.contains(CANCELLED)
        )
        .with_columns(on_time.alias("on_time"), late.alias("late"))
        .with_columns(
            open_=~(pl.col("on_time") | pl.col("late")),
        )
        .group_by(pl.col(AGENCY).alias("key"))
        .agg(
            pl.len().alias("total"),
            pl.col("on_time").sum(),
            pl.col("late").sum(),
            (pl.col("open_") & (deadline.is_null() | (pl.lit(cut) <= deadline)))
            .sum()
            .alias("within"),
            (pl.col("open_") & (pl.lit(cut) > deadline)).sum().alias("overdue"),
            deadline.is_null().sum().alias("no_deadline"),
        )
        .with_columns(
            (pl.col("on_time") + pl.col("late")).alias("completed"),
            (pl.col("within") + pl.col("overdue")).alias("not_completed"),
        )
        .sort("key")
        .collect()
    )


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--period-start", default="2025-01-01")
    p.add_argument("--cut", default="2025-12-31")
    p.add_argument("files", nargs="+")
    a = p.parse_args()
    start = dt.date.fromisoformat(a.period_start)
    cut = dt.date.fromisoformat(a.cut)
    df = pl.concat([read(f) for f in a.files], how="vertical_relaxed")
    out = figures(df.lazy(), start, cut)
    rows = [{"key": r["key"], **{f: int(r[f]) for f in FIELDS}} for r in out.iter_rows(named=True)]
    total = {f: sum(r[f] for r in rows) for f in FIELDS}
    json.dump({"total": total, "rows": rows}, sys.stdout, ensure_ascii=False, indent=1)
    print()


if __name__ == "__main__":
    main()
