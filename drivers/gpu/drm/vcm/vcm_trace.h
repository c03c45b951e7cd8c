/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * VCM trace events: binds, unbinds, flushes and page-table allocation.
 */

/**
 * DOC: trace events
 *
 * VCM's events are in the ``vcm`` trace system
 * (``/sys/kernel/tracing/events/vcm/``). ``space`` is the space's number,
 * as in debugfs; ``mmu`` the MMU's number within its space.
 *
 * ``vcm_bind``, ``vcm_unbind``
 *   ``space va size flags mmus``: a bind or unbind of [va, va + size)
 *   with its bind flags, written into ``mmus`` MMUs; emitted after the
 *   entries are written and before the flushes.
 * ``vcm_flush``
 *   ``space mmu start size``: the one flush of one MMU after a bind or
 *   unbind, whether or not the driver has a flush op.
 * ``vcm_table_alloc``, ``vcm_table_free``
 *   ``space mmu type addr bytes tables``: a table of kind ``type`` (its
 *   index in &drm_vcm_format.tables) at device address ``addr`` allocated
 *   or freed; ``tables`` is how many the MMU holds afterwards.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM vcm

#if !defined(__VCM_TRACE_H__) || defined(TRACE_HEADER_MULTI_READ)
#define __VCM_TRACE_H__

#include <linux/tracepoint.h>

DECLARE_EVENT_CLASS(vcm_range,
		    TP_PROTO(u32 space, u64 va, u64 size, u32 flags, u32 nmmu),
		    TP_ARGS(space, va, size, flags, nmmu),
		    TP_STRUCT__entry(__field(u32, space)
				     __field(u64, va)
				     __field(u64, size)
				     __field(u32, flags)
				     __field(u32, nmmu)),
		    TP_fast_assign(__entry->space = space;
				   __entry->va = va;
				   __entry->size = size;
				   __entry->flags = flags;
				   __entry->nmmu = nmmu;),
		    TP_printk("space=%u va=0x%llx size=0x%llx flags=0x%x mmus=%u",
			      __entry->space, __entry->va, __entry->size,
			      __entry->flags, __entry->nmmu)
);

DEFINE_EVENT(vcm_range, vcm_bind,
	     TP_PROTO(u32 space, u64 va, u64 size, u32 flags, u32 nmmu),
	     TP_ARGS(space, va, size, flags, nmmu)
);

DEFINE_EVENT(vcm_range, vcm_unbind,
	     TP_PROTO(u32 space, u64 va, u64 size, u32 flags, u32 nmmu),
	     TP_ARGS(space, va, size, flags, nmmu)
);

TRACE_EVENT(vcm_flush,
	    TP_PROTO(u32 space, u32 mmu, u64 start, u64 size),
	    TP_ARGS(space, mmu, start, size),
	    TP_STRUCT__entry(__field(u32, space)
			     __field(u32, mmu)
			     __field(u64, start)
			     __field(u64, size)),
	    TP_fast_assign(__entry->space = space;
			   __entry->mmu = mmu;
			   __entry->start = start;
			   __entry->size = size;),
	    TP_printk("space=%u mmu=%u start=0x%llx size=0x%llx",
		      __entry->space, __entry->mmu, __entry->start,
		      __entry->size)
);

DECLARE_EVENT_CLASS(vcm_table,
		    TP_PROTO(u32 space, u32 mmu, u8 type, u64 addr, u64 bytes,
			     u64 tables),
		    TP_ARGS(space, mmu, type, addr, bytes, tables),
		    TP_STRUCT__entry(__field(u32, space)
				     __field(u32, mmu)
				     __field(u8, type)
				     __field(u64, addr)
				     __field(u64, bytes)
				     __field(u64, tables)),
		    TP_fast_assign(__entry->space = space;
				   __entry->mmu = mmu;
				   __entry->type = type;
				   __entry->addr = addr;
				   __entry->bytes = bytes;
				   __entry->tables = tables;),
		    TP_printk("space=%u mmu=%u type=%u addr=0x%llx bytes=%llu tables=%llu",
			      __entry->space, __entry->mmu, __entry->type,
			      __entry->addr, __entry->bytes, __entry->tables)
);

DEFINE_EVENT(vcm_table, vcm_table_alloc,
	     TP_PROTO(u32 space, u32 mmu, u8 type, u64 addr, u64 bytes,
		      u64 tables),
	     TP_ARGS(space, mmu, type, addr, bytes, tables)
);

DEFINE_EVENT(vcm_table, vcm_table_free,
	     TP_PROTO(u32 space, u32 mmu, u8 type, u64 addr, u64 bytes,
		      u64 tables),
	     TP_ARGS(space, mmu, type, addr, bytes, tables)
);

#endif /* __VCM_TRACE_H__ */

#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE vcm_trace
#include <trace/define_trace.h>
