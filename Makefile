# tiendo — the two commands a new user runs: `make run` and `make test`.
# Everything builds in the dev profile (fast to compile; sample data is small); `make bench`
# builds in release, as benchmarks must.

CARGO ?= cargo
TIENDO := target/debug/tiendo
DATA := sample-data
TASKS := $(DATA)/ioffice-2021-2025.xlsx $(DATA)/so-theo-doi-tay.csv
# sample-data/tiendo.toml names the issuer, the agency directory and the scoring rules.
COMMON := $(TASKS) --config $(DATA)/tiendo.toml --quiet
PROGRAMME := $(DATA)/chuong-trinh-cong-tac-2024-2025.xlsx --config $(DATA)/tiendo.toml

.PHONY: run build test fuzz bench sample lint clean-reports check-docs spark-check

build:
	$(CARGO) build --bins

## make run: build, then write real reports from sample-data/ into reports/
run: build
	@mkdir -p reports
	$(TIENDO) report $(COMMON) --period 2025 --as-of 2025-12-20 --compare-years 5 --out reports
	$(TIENDO) report $(COMMON) --period 2025-H1 --out reports
	$(TIENDO) letters $(COMMON) --period 2025 --as-of 2025-11-21 --out reports/cong-van-don-doc-2025-11
	$(TIENDO) board $(COMMON) --period 2025 --as-of 2025-12-20 --out reports
	$(TIENDO) brief $(COMMON) --period 2025 --meeting 2025-11-24 > reports/ban-tin-hop-2025-11-24.txt
	$(TIENDO) brief $(COMMON) --period 2025 --meeting 2025-11-24 --format markdown > reports/ban-tin-hop-2025-11-24.md
	$(TIENDO) trend $(COMMON) --years 2021..2025 --as-of-day 12-20 > reports/xu-huong-2021-2025.txt
	$(TIENDO) changes $(COMMON) --week 2025-W51 > reports/thay-doi-tuan-2025-W51.txt
	$(TIENDO) figures $(COMMON) --period 2025 --as-of 2025-12-20 --by officer > reports/theo-chuyen-vien-2025.txt
	$(TIENDO) figures $(COMMON) --period 2025 --as-of 2025-12-20 --by department > reports/theo-phong-2025.txt
	$(TIENDO) check $(COMMON) > reports/kiem-tra-du-lieu.txt
	$(TIENDO) programme-report $(PROGRAMME) --period 2025 --as-of 2025-12-20 --out reports
	$(TIENDO) programme $(PROGRAMME) --period 2025 --as-of 2025-06-20 > reports/chuong-trinh-cong-tac-2025-den-2025-06-20.txt
	$(TIENDO) export $(COMMON) --parquet reports/kho-parquet --as-of 2025-12-31 > /dev/null
	$(TIENDO) rank reports/kho-parquet --config $(DATA)/tiendo.toml --quiet --period 2025 > reports/xep-hang-2025-tu-kho-parquet.txt
	@echo
	@echo "Báo cáo đã ghi vào reports/:"
	@ls -1 reports | grep -v README.md | sed 's/^/  reports\//'

## make check-docs: the .docx files in reports/ through LibreOffice headless to PDF and PNG
## pages (reports/kiem-tra-docx/), with a re-flow check of an edited paragraph; after make run
check-docs:
	.ci/check-docs reports

## make test: every unit and integration test (a short fixed-seed mutation run among them:
## tests/it/robustness.rs)
test:
	$(CARGO) test --all-targets

## make spark-check: the README's Spark SQL run by PySpark (local mode) on a Parquet warehouse of
## the sample data, compared with `tiendo figures` (needs Java >= 17 and `pip install pyspark`)
spark-check: build
	.ci/spark-check

## make fuzz: the full mutation run over sample-data/ and the xls/ods fixtures; prints the
## outcomes and the worst peak memory, keeps any input that gave neither exit 0 nor exit 2 in
## target/fuzz-out/. FUZZ_ARGS="--seed 7 --iterations 2000" for a longer or another run.
FUZZ_ARGS ?=
fuzz: build
	target/debug/tiendo-fuzz $(FUZZ_ARGS)

lint:
	$(CARGO) fmt --check
	$(CARGO) clippy --all-targets -- -D warnings

## make sample: regenerate sample-data/ (deterministic)
sample:
	$(CARGO) run --bin tiendo-gen -- sample --out $(DATA)

## make bench: release build, generate 200k, 1M and 5M-row exports, measure (floors, figures from
## the files and from their Parquet warehouse, the Python polars peer, report, export), write
## BENCHMARKS.md
bench:
	$(CARGO) build --release --bins
	target/release/tiendo-bench

clean-reports:
	find reports -type f ! -name README.md -delete
