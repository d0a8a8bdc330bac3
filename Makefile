# LedgerOps — the README's commands. `make run` and `make test` set up everything they need.
SWIFT     ?= swift
WORKSPACE ?= workspace
DEMO_SIZE ?= 300

.PHONY: run test bench deps test-deps bench-deps build clean

deps:
	@bash scripts/install-deps.sh

test-deps:
	@bash scripts/install-deps.sh test

bench-deps:
	@bash scripts/install-deps.sh bench

build: deps
	$(SWIFT) build

## Builds, creates ./workspace with demo administrations when missing, and runs the main job.
run: build
	.build/debug/ledgerops run --workspace $(WORKSPACE) --administrations $(DEMO_SIZE)

## Installs what is missing, builds, runs every test, and every benchmark once at a tiny size.
test: test-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --parallel
	.build/debug/ledgerops-bench --tiny

## Benchmarks (release build).
bench: bench-deps
	$(SWIFT) build -c release --product ledgerops-bench
	.build/release/ledgerops-bench

clean:
	rm -rf .build
