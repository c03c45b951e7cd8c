#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Harness self-test: a guest test that fails on purpose; the parser must
# report it as not ok.
exit 1
