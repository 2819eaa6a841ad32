# stackfsck build. `make` builds every check and stackfsck-alerts as Native AOT executables into
# dist/ and renders the sample environment; `make install` copies the checks where Nagios looks for
# plugins and stackfsck-alerts to $(BINDIR); `make deb` builds the Debian package into dist/.
PREFIX ?= /usr/lib/nagios/plugins
BINDIR ?= /usr/bin
RID ?= linux-x64
# DIST and ARTIFACTS let several builds share a checkout: each its own output folders.
DIST ?= dist
ARTIFACTS ?=
PUBLISH := $(if $(ARTIFACTS),$(ARTIFACTS)/dist-publish,obj/publish)
# A check that grew out of another answers under the old name too, through a link in dist/.
LINKS := check_nova_zombies
CHECKS ?= $(notdir $(wildcard checks/check_*)) $(LINKS)
# What dist/ holds: the checks, the alert analytics' executable and the workaround runner
# (tests/run builds only the names in STACKFSCK_CHECKS when it is set).
EXECUTABLES ?= $(CHECKS) stackfsck-alerts stackfsck-remedy
# The libraries the checks reference: every folder of checks/ that is not a check.
LIBRARIES := $(filter-out $(wildcard checks/check_*),$(patsubst %/,%,$(wildcard checks/*/)))
SHARED := $(shell find $(LIBRARIES) \( -name bin -o -name obj \) -prune -o \( -name '*.cs' -o -name '*.csproj' -o -name '*.targets' \) -print) \
	checks/Check.props Directory.Build.props Directory.Packages.props debian/changelog

.PHONY: all dist sample install deb test clean
all: dist sample

dist: $(EXECUTABLES:%=$(DIST)/%)

# The database checks link MariaDB Connector/C when they are built (checks/Check.props), the
# hypervisor check libvirt (its project file).
LIBMARIADB := /usr/lib/x86_64-linux-gnu/libmariadb.so.3
LIBVIRT := /usr/lib/x86_64-linux-gnu/libvirt.so.0
$(LIBMARIADB):
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libmariadb3
$(LIBVIRT):
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libvirt0

# A check is rebuilt when its own sources or a library change.
.SECONDEXPANSION:
$(DIST)/%: $$(shell find checks/$$* \( -name bin -o -name obj \) -prune -o \( -name '*.cs' -o -name '*.csproj' \) -print) $(SHARED) | $(LIBMARIADB) $(LIBVIRT)
	dotnet publish checks/$* -r $(RID) -c Release -o $(PUBLISH)/$* --nologo -v quiet -clp:ErrorsOnly $(if $(ARTIFACTS),--artifacts-path $(ARTIFACTS))
	@mkdir -p $(DIST)
	install -m 0755 $(PUBLISH)/$*/$* $(DIST)/$*

# check_nova_zombies became check_nova_hypervisor; run under its old name it answers as before.
$(DIST)/check_nova_zombies: $(DIST)/check_nova_hypervisor
	ln -sfn check_nova_hypervisor $@

# `confgen alerts send` as a Native AOT executable: the alerts library (which reads durations as the
# checks' library does) and confgen's inventory loader.
ALERTS_SOURCES := $(shell find stackfsck-alerts confgen/Alerts confgen/Inventory \( -name bin -o -name obj \) -prune -o \( -name '*.cs' -o -name '*.csproj' \) -print) \
	confgen/Cli/SharedOptions.cs confgen/Cli/ErrorLine.cs confgen/AlertsCli/InventoryView.cs $(SHARED)
$(DIST)/stackfsck-alerts: $(ALERTS_SOURCES)
	dotnet publish stackfsck-alerts -r $(RID) -c Release -o $(PUBLISH)/stackfsck-alerts --nologo -v quiet -clp:ErrorsOnly $(if $(ARTIFACTS),--artifacts-path $(ARTIFACTS))
	@mkdir -p $(DIST)
	install -m 0755 $(PUBLISH)/stackfsck-alerts/stackfsck-alerts $(DIST)/stackfsck-alerts

# The workaround runner for event handlers: its own folder, the alerts library (StatsD, metric names,
# the run lock) and the checks' libraries (its repairs read what the checks read).
REMEDY_SOURCES := $(shell find stackfsck-remedy confgen/Alerts \( -name bin -o -name obj \) -prune -o \( -name '*.cs' -o -name '*.csproj' \) -print) \
	confgen/Cli/ErrorLine.cs $(SHARED)
$(DIST)/stackfsck-remedy: $(REMEDY_SOURCES)
	dotnet publish stackfsck-remedy -r $(RID) -c Release -o $(PUBLISH)/stackfsck-remedy --nologo -v quiet -clp:ErrorsOnly $(if $(ARTIFACTS),--artifacts-path $(ARTIFACTS))
	@mkdir -p $(DIST)
	install -m 0755 $(PUBLISH)/stackfsck-remedy/stackfsck-remedy $(DIST)/stackfsck-remedy

# The example inventory rendered by confgen (a JIT app, run from source) for both engines: Nagios 4
# into $(SAMPLE), Icinga 2 (a master with its satellites' zones) into $(SAMPLE)-icinga2.
SAMPLE ?= out/example
sample:
	dotnet build confgen -c Release -v quiet -clp:ErrorsOnly $(if $(ARTIFACTS),--artifacts-path $(ARTIFACTS))
	dotnet run --no-build --project confgen -c Release $(if $(ARTIFACTS),--artifacts-path $(ARTIFACTS)) -- \
		render -i environments/example -T templates -o $(SAMPLE)
	dotnet run --no-build --project confgen -c Release $(if $(ARTIFACTS),--artifacts-path $(ARTIFACTS)) -- \
		render --engine icinga2 -i environments/example -T templates -o $(SAMPLE)-icinga2

# Links in dist/ (one check under a second name) stay links.
install: dist
	install -d $(DESTDIR)$(PREFIX) $(DESTDIR)$(BINDIR)
	cp -P --preserve=mode $(CHECKS:%=$(DIST)/%) $(DESTDIR)$(PREFIX)/
	install -m 0755 $(DIST)/stackfsck-remedy $(DESTDIR)$(PREFIX)/
	install -m 0755 $(DIST)/stackfsck-alerts $(DESTDIR)$(BINDIR)/

# $(DIST)/stackfsck_VERSION_amd64.deb, the version from debian/changelog (debhelper; see debian/rules).
# debhelper skips the build steps it has a stamp for: the stamp goes so that dist/ is brought up to date.
deb:
	rm -f debian/debhelper-build-stamp
	DIST=$(abspath $(DIST)) ARTIFACTS=$(ARTIFACTS) debian/rules binary

test:
	tests/run

clean:
	rm -rf $(DIST) $(PUBLISH)
