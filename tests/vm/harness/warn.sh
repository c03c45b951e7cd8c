#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Harness self-test: load a module that WARNs on purpose (tests/vm/warn/);
# the parser must report the log as not clean.
set -e
insmod "$VCM_KO/vcm_harness_warn.ko"
rmmod vcm_harness_warn
