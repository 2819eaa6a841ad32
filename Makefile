# stackfsck build. `make` builds every check as a Native AOT executable into dist/ and renders
# the sample environment; `make install` copies the checks where Nagios looks for plugins.
PREFIX ?= /usr/lib/nagios/plugins
RID ?= linux-x64
CHECKS := $(notdir $(wildcard checks/check_*))
SHARED := $(shell find checks/Plugin \( -name bin -o -name obj \) -prune -o \( -name '*.cs' -o -name '*.csproj' \) -print) \
	checks/Check.props Directory.Build.props Directory.Packages.props

.PHONY: all dist install test clean
all: dist

dist: $(CHECKS:%=dist/%)

# A check is rebuilt when its own sources or the plugin library change.
.SECONDEXPANSION:
dist/%: $$(shell find checks/$$* \( -name bin -o -name obj \) -prune -o \( -name '*.cs' -o -name '*.csproj' \) -print) $(SHARED)
	dotnet publish checks/$* -f net9.0 -r $(RID) -c Release -o obj/publish/$* --nologo -v quiet -clp:ErrorsOnly
	@mkdir -p dist
	install -m 0755 obj/publish/$*/$* dist/$*

install: dist
	install -d $(DESTDIR)$(PREFIX)
	install -m 0755 $(CHECKS:%=dist/%) $(DESTDIR)$(PREFIX)/

test:
	tests/run

clean:
	rm -rf dist obj/publish
