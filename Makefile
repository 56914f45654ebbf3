# Kindling: the two set-up commands are `make demo` and `make test` (see README.md).
MVN ?= mvn -B -ntp
PYTHON := /usr/bin/python3
DIST := kernel/target/kindling
BUILD := build
JAVA := java

.PHONY: deps build install demo lab test bench stop clean

deps:
	./local/install-deps.sh

build: deps
	$(MVN) -q install -DskipTests

# Installs the kernelspec for the current user (JupyterLab, Notebook and jupyter console find it).
install: build
	$(JAVA) -cp '$(DIST)/lib/*' io.kindling.kernel.install.KernelspecInstaller --user

# Builds, installs the kernelspec, starts the embedded defaults and runs every example notebook headlessly
# (nbclient); executed copies and their HTML exports land in build/notebooks/, with a summary of each.
demo: install
	./local/trino/trino.sh start
	./local/hive/metastore.sh start
	KINDLING_TRINO_URL=$$(./local/trino/trino.sh url) KINDLING_TRINO_CATALOG=tpch KINDLING_TRINO_SCHEMA=tiny \
		$(PYTHON) src/test/python/run_notebooks.py --html $(BUILD)/notebooks notebooks/*.ipynb
	@echo "Open the HTML pages in build/notebooks/ in a browser, or 'make lab' to run the notebooks yourself."
	@echo "Local Trino and the Hive metastore keep running: stop them with 'make stop'."

# A Notebook server on loopback with the kernel and the embedded defaults, for the notebooks in notebooks/.
lab: install
	./local/trino/trino.sh start
	./local/hive/metastore.sh start
	KINDLING_TRINO_URL=$$(./local/trino/trino.sh url) KINDLING_TRINO_CATALOG=tpch KINDLING_TRINO_SCHEMA=tiny \
		$(PYTHON) -m notebook --ip=127.0.0.1 --no-browser --notebook-dir=notebooks

# Unit tests, then end-to-end tests that drive the installed kernel with real Jupyter clients and
# a real local Trino (tpch, memory, and hive on the test metastore), started once for the run and stopped after it.
# Kernels under test share one metastore service in the build directory, stopped after the run.
# Trino starts after the build: its hive catalog reads the test metastore, which the built kernel runs.
# Whatever fails, both are stopped (trino.sh starts the metastore for its hive catalog).
test: build
	status=0; KINDLING_HIVE_HOME=$(CURDIR)/$(BUILD)/local/hive ./local/trino/trino.sh start >/dev/null \
		&& KINDLING_HIVE_HOME=$(CURDIR)/$(BUILD)/local/hive $(MVN) verify || status=$$?; \
		./local/trino/trino.sh stop; KINDLING_HIVE_HOME=$(CURDIR)/$(BUILD)/local/hive ./local/hive/metastore.sh stop || true; exit $$status

# Benchmarks against their baselines, side by side; QUICK=1 runs each row once (CI smoke).
bench: build
	status=0; KINDLING_HIVE_HOME=$(CURDIR)/$(BUILD)/local/hive ./local/trino/trino.sh start >/dev/null \
		&& KINDLING_HIVE_HOME=$(CURDIR)/$(BUILD)/local/hive QUICK=$(QUICK) ./bench/run || status=$$?; \
		./local/trino/trino.sh stop; KINDLING_HIVE_HOME=$(CURDIR)/$(BUILD)/local/hive ./local/hive/metastore.sh stop || true; exit $$status

stop:
	./local/trino/trino.sh stop
	./local/hive/metastore.sh stop

clean:
	$(MVN) -q clean
	rm -rf $(BUILD)
