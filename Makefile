# LedgerOps — the README's commands. `make run` and `make test` set up everything they need.
SWIFT     ?= swift
WORKSPACE ?= workspace
DEMO_SIZE ?= 300

.PHONY: run test bench deps peers build clean

deps:
	@bash scripts/install-deps.sh

peers:
	@bash scripts/install-deps.sh peers

build: deps
	$(SWIFT) build

## Builds, creates ./workspace with demo administrations when missing, and runs the main job.
run: build
	.build/debug/ledgerops run --workspace $(WORKSPACE) --administrations $(DEMO_SIZE) --serve --address 127.0.0.1:8080

## Installs what is missing, builds, runs every test, and every benchmark once at a tiny size.
test: peers
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --parallel
	.build/debug/ledgerops-bench --tiny

## Benchmarks (release build).
bench: peers
	$(SWIFT) build -c release
	.build/release/ledgerops-bench

clean:
	rm -rf .build
