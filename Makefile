# dpuplane — the commands. `make help` lists them; the README explains them.
SHELL := /usr/bin/env bash
MVN ?= mvn
MVN_FLAGS ?= -B -ntp
ARGS ?=

.DEFAULT_GOAL := help

.PHONY: help
help: ## List the commands
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

.PHONY: build
build: ## Build every module and app (tests skipped); then bin/dpuplane works
	$(MVN) $(MVN_FLAGS) -DskipTests package

.PHONY: testenv
testenv: ## Build (or reuse from $$DPUPLANE_CACHE) the Go-built kube-apiserver, etcd, kubectl, controller-manager, scheduler and Crossplane CLI
	tools/testenv/build.sh all

.PHONY: test
test: testenv ## Run every test CI runs: unit, real API server, real Open vSwitch, end to end
	$(MVN) $(MVN_FLAGS) verify $(ARGS)

.PHONY: clean
clean: ## Remove build output (the control-plane cache outside the repo stays)
	$(MVN) $(MVN_FLAGS) -q clean
	rm -rf package/crds
