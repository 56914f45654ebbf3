# Kindling: the two set-up commands are `make demo` and `make test` (see README.md).
MVN ?= mvn -B -ntp
PYTHON := /usr/bin/python3
DIST := kernel/target/kindling
BUILD := build
JAVA := java

.PHONY: deps build install demo test bench stop clean

deps:
	./local/install-deps.sh

build: deps
	$(MVN) -q install -DskipTests

# Installs the kernelspec for the current user (JupyterLab, Notebook and jupyter console find it).
install: build
	$(JAVA) -cp '$(DIST)/lib/*' io.kindling.kernel.install.KernelspecInstaller --user

# Builds, installs the kernelspec, starts the embedded defaults and runs the example notebooks
# headlessly; executed copies with their outputs land in build/notebooks/.
demo: install
	./local/trino/trino.sh start
	./local/hive/metastore.sh start
	KINDLING_TRINO_URL=$$(./local/trino/trino.sh url) KINDLING_TRINO_CATALOG=tpch KINDLING_TRINO_SCHEMA=tiny \
		$(PYTHON) src/test/python/run_notebooks.py $(BUILD)/notebooks notebooks/*.ipynb
	@echo "Executed notebooks are in $(BUILD)/notebooks/. Local Trino and the Hive metastore keep running: stop them with 'make stop'."

# Unit tests, then end-to-end tests that drive the installed kernel with real Jupyter clients and
# a real local Trino, started once for the run and stopped after it.
# Kernels under test share one metastore service in the build directory, stopped after the run.
test: deps
	./local/trino/trino.sh start >/dev/null
	status=0; KINDLING_HIVE_HOME=$(CURDIR)/$(BUILD)/local/hive $(MVN) verify || status=$$?; \
		./local/trino/trino.sh stop; KINDLING_HIVE_HOME=$(CURDIR)/$(BUILD)/local/hive ./local/hive/metastore.sh stop || true; exit $$status

# Benchmarks against their baselines, side by side; QUICK=1 runs each row once (CI smoke).
bench: build
	./local/trino/trino.sh start >/dev/null
	status=0; KINDLING_HIVE_HOME=$(CURDIR)/$(BUILD)/local/hive QUICK=$(QUICK) ./bench/run || status=$$?; \
		./local/trino/trino.sh stop; KINDLING_HIVE_HOME=$(CURDIR)/$(BUILD)/local/hive ./local/hive/metastore.sh stop || true; exit $$status

stop:
	./local/trino/trino.sh stop
	./local/hive/metastore.sh stop

clean:
	$(MVN) -q clean
	rm -rf $(BUILD)
