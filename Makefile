# dpuplane — the commands. `make help` lists them; the README explains them.
SHELL := /usr/bin/env bash
MVN ?= mvn
MVN_FLAGS ?= -B -ntp
ARGS ?=

.DEFAULT_GOAL := help

.PHONY: help
help: ## List the commands
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

.PHONY: sandbox
sandbox: testenv build ## The whole system on this machine: emulated BlueFields provisioned, services deployed, traffic chained (ARGS=--exit-when-ready to stop once Ready)
	bin/dpuplane sandbox up $(ARGS)

.PHONY: build
build: ## Build every module and app (tests skipped); then bin/dpuplane works
	$(MVN) $(MVN_FLAGS) -DskipTests install

.PHONY: testenv
testenv: ## Build (or reuse from the DPUPLANE_CACHE directory) the Go-built kube-apiserver, etcd, kubectl, controller-manager, scheduler, Crossplane CLI and core, crane
	tools/testenv/build.sh all

.PHONY: test
test: testenv ## Run every test CI runs: unit, real API server, real Open vSwitch, end to end
	$(MVN) $(MVN_FLAGS) verify $(ARGS)

.PHONY: bench
bench: testenv build ## Run the benchmarks (managed reconciler at scale, BFB validation throughput); figures in docs/benchmarks.md
	$(MVN) $(MVN_FLAGS) -q -pl runtime test-compile exec:java $(ARGS)
	$(MVN) $(MVN_FLAGS) -q -pl bfb test-compile exec:java $(ARGS)
	$(MVN) $(MVN_FLAGS) -q -pl agent test-compile exec:java $(ARGS)
	$(MVN) $(MVN_FLAGS) -q -pl agent test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:exec -Dexec.executable=java "-Dexec.args=-cp %classpath io.dpuplane.agent.dpu.ServiceChainBenchmark"

.PHONY: bench-dpus
bench-dpus: testenv build ## Provision 1,000 emulated DPUs through one provider (about 10 min, 25 JVMs; ARGS="-Dbench.dpus=200 -Dbench.timeScale=0.5"); figures in docs/benchmarks.md
	# The benchmark runs in Maven's JVM: its quick JIT tier only, as the processes it measures, so its own
	# compiling takes less of the two cores from them.
	MAVEN_OPTS="-XX:TieredStopAtLevel=1 $$MAVEN_OPTS" $(MVN) $(MVN_FLAGS) -q -pl e2e test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java $(ARGS)

.PHONY: clean
clean: ## Remove build output (the control-plane cache outside the repo stays)
	$(MVN) $(MVN_FLAGS) -q clean
	rm -rf package/crds
