/* SPDX-License-Identifier: GPL-2.0 */
/* What nvkm_test.c shares with the cases of the formats with kinds. */
#ifndef __NVKM_TEST_H__
#define __NVKM_TEST_H__

#include "vmm.h"

/* Table memory: RAM behind nvkm_memory's accessors. */
struct tmem {
	struct nvkm_memory memory;
	u32 *words;
	u64 size;
	int maps;
	unsigned int bad;	/* accesses out of bounds or not mapped */
};

extern int nvkm_test_fail;
void nvkm_test_result(bool ok, const char *fmt, const char *name,
		      const char *why);
struct tmem *to_tmem(struct nvkm_memory *m);
void nvkm_test_vmm_free(struct nvkm_mmu *mmu, struct nvkm_vmm *vmm);
bool tmem_init(struct tmem *t, u64 size);

void nvkm_test_nv50(struct nvkm_mmu *mmu);
void nvkm_test_gp100(struct nvkm_mmu *mmu);

#endif
