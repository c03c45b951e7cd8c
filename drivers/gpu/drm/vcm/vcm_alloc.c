// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * Allocation accounting for KUnit builds: every allocation VCM makes can be
 * made to fail and live allocations are counted (see vcm_internal.h). The
 * lowest layer of the module: it calls nothing of VCM's.
 */

#include <linux/atomic.h>
#include <linux/export.h>

#include "vcm_compat.h"
#include "vcm_internal.h"

#if IS_ENABLED(CONFIG_DRM_VCM_KUNIT_TEST)
static atomic_t vcm_fault_nth = ATOMIC_INIT(0);
static atomic_t vcm_fault_count = ATOMIC_INIT(0);
static atomic_long_t vcm_live = ATOMIC_LONG_INIT(0);

/* Called before every allocation VCM makes: should this one fail? */
bool vcm_alloc_fail(void)
{
	atomic_inc(&vcm_fault_count);
	return atomic_add_unless(&vcm_fault_nth, -1, 0) &&
	       !atomic_read(&vcm_fault_nth);
}

void vcm_alloc_track(long delta)
{
	atomic_long_add(delta, &vcm_live);
}

/**
 * vcm_fault_arm - make one allocation fail (KUnit builds only)
 * @nth: fail the @nth allocation from now on, 1 being the next; 0 for none
 *
 * Also restarts the count vcm_fault_seen() returns.
 */
void vcm_fault_arm(unsigned int nth)
{
	atomic_set(&vcm_fault_count, 0);
	atomic_set(&vcm_fault_nth, nth);
}
EXPORT_SYMBOL_IF_KUNIT(vcm_fault_arm);

/**
 * vcm_fault_seen - allocations attempted since vcm_fault_arm()
 *
 * Returns: the count, failed ones included.
 */
unsigned int vcm_fault_seen(void)
{
	return atomic_read(&vcm_fault_count);
}
EXPORT_SYMBOL_IF_KUNIT(vcm_fault_seen);

/**
 * vcm_fault_live - allocations VCM holds right now
 *
 * Returns: allocations made minus allocations freed, since boot.
 */
long vcm_fault_live(void)
{
	return atomic_long_read(&vcm_live);
}
EXPORT_SYMBOL_IF_KUNIT(vcm_fault_live);
#endif
