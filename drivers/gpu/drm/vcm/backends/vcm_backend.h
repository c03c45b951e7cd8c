/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * Register sequences of the radeon and nouveau GART / GPU-VM backends.
 *
 * Each family has an *activate* sequence, which points the hardware at
 * the top table and programs the aperture, and a *flush* sequence, which
 * makes the device see table updates (TLB invalidate, HDP or BAR flush,
 * bounded polls). They run against a &struct drm_vcm_mmio, so a driver
 * calls them from its &drm_vcm_mmu_ops with its own register BAR and they
 * run unchanged; the KUnit suite vcm_backend replays them against a fake
 * register file. The radeon sequences and the accessor are declared in
 * the public headers <drm/drm_vcm_radeon.h> and <drm/drm_vcm_mmio.h>,
 * for the radeon driver built out of tree, and the nouveau ones in
 * <drm/drm_vcm_nouveau.h>, for nouveau's.
 *
 * Conventions shared by every function here:
 *
 * - @start is the first byte of the aperture (or of the range to flush),
 *   @end its last byte (inclusive), @size a byte count.
 * - @table is the device address of the top table as the hardware wants
 *   it (radeon: bus or MC address; nouveau nv41/nv44: offset in instance
 *   memory). @dummy is where unmapped or discarded accesses go.
 * - Activate sequences program only the translation itself (table base,
 *   aperture, context enable) and finish with the family's flush. Memory
 *   controller, L1/L2 cache and client set-up that a driver does once at
 *   init stays the driver's.
 * - Indirect radeon spaces (PCIE, MC) are reached through their
 *   index/data pairs under &drm_vcm_mmio.idx_lock when one is given.
 * - Return: 0, -ETIMEDOUT when a poll ran out (after timeout_us + 1
 *   reads), -EIO when the hardware reported a failed invalidate, -ERANGE
 *   when an address does not fit the family's registers, -EINVAL for an
 *   aperture size the family cannot program.
 */
#ifndef __VCM_BACKEND_H__
#define __VCM_BACKEND_H__

#include <linux/types.h>

#include <drm/drm_vcm_mmio.h>
#include <drm/drm_vcm_nouveau.h>
#include <drm/drm_vcm_radeon.h>

#endif /* __VCM_BACKEND_H__ */
