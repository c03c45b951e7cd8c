# SPDX-License-Identifier: GPL-2.0-only
#
# VCM top-level Makefile: builds the modules out of tree and drives the
# test tiers. See README.md.

VCM_CACHE ?= $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/vcm
export VCM_CACHE

# Newest installed Debian kernel headers unless KDIR is given.
KDIR ?= $(shell ls -d /usr/src/linux-headers-*-amd64 2>/dev/null | sort -V | tail -n 1)
VCM_DIR := $(CURDIR)/drivers/gpu/drm/vcm
KBUILD_OPTS := CONFIG_DRM_VCM=m CONFIG_DRM_VCM_SELFTEST=m CONFIG_DRM_VCM_VIRT=m

.PHONY: all modules clean deps kunit vm static host check run bench bench-plot radeon nouveau

all: modules

modules:
	@test -n "$(KDIR)" || { echo "no kernel headers found: run 'make deps' or give KDIR=" >&2; exit 1; }
	$(MAKE) -C $(KDIR) M=$(VCM_DIR) $(KBUILD_OPTS) modules

clean:
	@if [ -n "$(KDIR)" ]; then $(MAKE) -C $(KDIR) M=$(VCM_DIR) clean; fi
	rm -rf results build

deps:
	bash scripts/deps.sh

kunit:
	bash scripts/kunit.sh

vm:
	bash scripts/vm.sh

static:
	bash scripts/static.sh

host:
	bash scripts/host.sh

radeon:
	bash scripts/radeon.sh

nouveau:
	bash scripts/nouveau.sh

check:
	bash scripts/check.sh

run:
	bash scripts/run.sh $(if $(KERNEL),--kernel $(KERNEL))

bench:
	bash scripts/bench.sh

bench-plot:
	python3 scripts/bench_plot.py results/bench.json Documentation/gpu/vcm-bench.svg
