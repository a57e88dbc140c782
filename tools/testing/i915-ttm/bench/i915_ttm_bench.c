// SPDX-License-Identifier: MIT
/*
 * The i915-ttm bench: not part of the series. bench.sh copies this file
 * into a tree of the base and a tree of the series, #includes it at the
 * end of a GEM file (the series: gem/i915_gem_ttm.c, after its selftests,
 * whose helpers it uses; the base: gem/i915_gem_region.c), registers it
 * as the last mock selftest group and boots with i915.st_filter naming
 * only its subtests. Each figure is printed once per repetition:
 *
 *   i915-ttm-bench: result <name> <amount> <bytes|ops> <ns> <ns> ...
 *
 * and bench_table.py turns the results of both kernels into the table.
 * The base has no TTM: it runs only the small-object figure.
 */

#include <linux/highmem.h>
#include <linux/io-mapping.h>
#include <linux/ktime.h>

#include "i915_selftest.h"
#include "selftests/mock_gem_device.h"
#include "selftests/mock_region.h"

#if __has_include("gem/i915_gem_ttm.h")
#define BENCH_TTM 1
#else
#define BENCH_TTM 0
#endif

#define BENCH_REPS 5
/* New objects per repetition in a full region. */
#define BENCH_FULL_PER 1000

#define bench_note(fmt, ...) \
	pr_info("i915-ttm-bench: progress " fmt "\n", ##__VA_ARGS__)

static void bench_result(const char *name, u64 amount, const char *unit,
			 const u64 *ns)
{
	char line[160];
	int len, r;

	len = scnprintf(line, sizeof(line), "%s %llu %s", name, amount, unit);
	for (r = 0; r < BENCH_REPS; r++)
		len += scnprintf(line + len, sizeof(line) - len, " %llu", ns[r]);
	pr_info("i915-ttm-bench: result %s\n", line);
}

/* Create, get pages, put pages and free @count objects of @size. */
static int bench_small_once(struct intel_memory_region *mem,
			    resource_size_t size, unsigned int count, u64 *ns)
{
	struct drm_i915_gem_object *obj;
	unsigned int i;
	u64 t;
	int err = 0;

	t = ktime_get_ns();
	for (i = 0; i < count && !err; i++) {
		obj = i915_gem_object_create_region(mem, size, 0);
		if (IS_ERR(obj))
			return PTR_ERR(obj);
		err = i915_gem_object_pin_pages(obj);
		if (!err) {
			i915_gem_object_unpin_pages(obj);
			err = __i915_gem_object_put_pages(obj);
		}
		i915_gem_object_put(obj);
	}
	i915_gem_drain_freed_objects(mem->i915);
	*ns = ktime_get_ns() - t;
	cond_resched();

	return err;
}

/*
 * Small objects in an address-only mock region: on both kernels no byte
 * of memory is touched, so this is the cost of managing the objects.
 * Freeing ends after RCU grace periods, which the drain waits for in
 * whole jiffies: enough objects per repetition make that wait a small
 * part of the figure.
 */
static int bench_small_objects(void *arg)
{
	static const unsigned int sizes[] = { SZ_4K, SZ_16K, SZ_64K };
	const unsigned int count = 10000;
	struct drm_i915_private *i915 = arg;
	struct intel_memory_region *mem;
	u64 ns[BENCH_REPS];
	char name[32];
	int i, r, err = 0;

	/* Room for all of a repetition's objects until the drain frees them. */
	mem = mock_region_create(i915, 0, SZ_2G, PAGE_SIZE, 0);
	if (IS_ERR(mem))
		return PTR_ERR(mem);

	for (i = 0; i < ARRAY_SIZE(sizes) && !err; i++) {
		bench_note("small objects of %u KiB", sizes[i] >> 10);
		err = bench_small_once(mem, sizes[i], count / 10, &ns[0]);
		for (r = 0; r < BENCH_REPS && !err; r++)
			err = bench_small_once(mem, sizes[i], count, &ns[r]);
		snprintf(name, sizeof(name), "small.%uk", sizes[i] >> 10);
		if (!err)
			bench_result(name, count, "ops", ns);
	}

	intel_memory_region_put(mem);
	return err;
}

#if BENCH_TTM
/* Frees what a bench allocated of @n system pages, and the array. */
static void bench_pages_put(struct page **pages, unsigned long n)
{
	unsigned long i;

	for (i = 0; pages && i < n; i++)
		if (pages[i])
			__free_page(pages[i]);
	kvfree(pages);
}

/*
 * The same objects on the emulated BAR, as users get them: the series
 * clears a new object there (the address-only region above has no
 * memory to clear). Beside them, memset_io() of as many bytes through
 * one WC mapping: what the clear costs at best, which the base's
 * figure plus it is held against.
 */
static int bench_small_bar(void *arg)
{
	static const unsigned int sizes[] = { SZ_4K, SZ_16K, SZ_64K };
	const unsigned int count = 10000;
	struct drm_i915_private *i915 = arg;
	struct intel_memory_region *mem;
	u64 ns[BENCH_REPS], set[BENCH_REPS], t;
	void __iomem *va;
	char name[40];
	unsigned int n;
	int i, r, err = 0;

	/* Room for all of a repetition's objects until the drain frees them. */
	mem = mock_lmem_region_get(i915, (resource_size_t)count * SZ_64K,
				   __func__);
	if (IS_ERR(mem))
		return PTR_ERR(mem);

	for (i = 0; i < ARRAY_SIZE(sizes) && !err; i++) {
		bench_note("small objects of %u KiB on the BAR", sizes[i] >> 10);
		err = bench_small_once(mem, sizes[i], count / 10, &ns[0]);
		for (r = 0; r < BENCH_REPS && !err; r++)
			err = bench_small_once(mem, sizes[i], count, &ns[r]);
		if (err)
			break;

		va = io_mapping_map_wc(&mem->iomap, 0,
				       (unsigned long)count * sizes[i]);
		for (r = 0; r < BENCH_REPS; r++) {
			t = ktime_get_ns();
			for (n = 0; n < count; n++)
				memset_io(va + (unsigned long)n * sizes[i], 0,
					  sizes[i]);
			set[r] = ktime_get_ns() - t;
			cond_resched();
		}
		io_mapping_unmap(va);

		snprintf(name, sizeof(name), "small-bar.%uk", sizes[i] >> 10);
		bench_result(name, count, "ops", ns);
		snprintf(name, sizeof(name), "small-bar.memset.%uk",
			 sizes[i] >> 10);
		bench_result(name, count, "ops", set);
	}

	intel_memory_region_put(mem);
	return err;
}

static int bench_evict_first(struct intel_memory_region *mem)
{
	struct ttm_operation_ctx ctx = {};

	return ttm_mem_evict_first(&mem->i915->bdev, mem->ttm_man, NULL, &ctx,
				   NULL);
}

/* An object in LMEM, its first placement there cleared. */
static struct drm_i915_gem_object *
bench_lmem_object(struct intel_memory_region *mem, resource_size_t size,
		  unsigned int flags)
{
	struct drm_i915_gem_object *obj;
	int err;

	obj = i915_gem_object_create_region(mem, size, flags);
	if (IS_ERR(obj))
		return obj;

	err = i915_gem_object_pin_pages(obj);
	if (err) {
		i915_gem_object_put(obj);
		return ERR_PTR(err);
	}
	i915_gem_object_unpin_pages(obj);

	return obj;
}

/*
 * Clearing a new object is TTM's copy loop with no source; held against
 * memset_io() of the same bytes through one WC mapping.
 */
static int bench_clear(void *arg)
{
	const resource_size_t size = SZ_16M;
	struct drm_i915_private *i915 = arg;
	struct drm_i915_gem_object *obj;
	struct intel_memory_region *mem;
	struct ttm_kmap_iter_iomap io;
	u64 clear[BENCH_REPS], set[BENCH_REPS], t;
	void __iomem *va;
	int r, err;

	mem = mock_lmem_region_get(i915, size, __func__);
	if (IS_ERR(mem))
		return PTR_ERR(mem);

	bench_note("clearing %llu MiB of LMEM", (u64)size >> 20);
	obj = bench_lmem_object(mem, size, I915_BO_ALLOC_CONTIGUOUS);
	if (IS_ERR(obj)) {
		err = PTR_ERR(obj);
		goto out_region;
	}
	err = i915_gem_object_pin_pages(obj);
	if (err)
		goto out;

	va = io_mapping_map_wc(&mem->iomap,
			       i915_gem_object_get_dma_address(obj, 0) -
			       mem->region.start, size);
	for (r = 0; r < BENCH_REPS; r++) {
		t = ktime_get_ns();
		ttm_kmap_iter_copy(ttm_kmap_iter_iomap_init(&io, &mem->iomap,
							    obj->mm.pages,
							    mem->region.start),
				   NULL, size >> PAGE_SHIFT);
		clear[r] = ktime_get_ns() - t;

		t = ktime_get_ns();
		memset_io(va, 0, size);
		set[r] = ktime_get_ns() - t;
		cond_resched();
	}
	io_mapping_unmap(va);
	i915_gem_object_unpin_pages(obj);

	bench_result("clear.ttm", size, "bytes", clear);
	bench_result("clear.memset", size, "bytes", set);
out:
	i915_gem_object_put(obj);
	i915_gem_drain_freed_objects(i915);
out_region:
	intel_memory_region_put(mem);
	return err;
}

/*
 * One object evicted to system memory and restored, against plain copies
 * of the same bytes between the same kinds of memory: LMEM through the
 * same WC mappings, and the pages of a tt the driver populated, as an
 * eviction's are, already allocated. Pages got as the driver gets them,
 * not one by one: under TCG, copies with a source or destination in
 * physically contiguous blocks ran 15 times slower than from scattered
 * pages in some boots and not in others, the same kernel each time.
 */
static int bench_evict_restore(void *arg)
{
	const resource_size_t size = SZ_16M;
	const unsigned long n = size >> PAGE_SHIFT;
	struct drm_i915_private *i915 = arg;
	u64 ev[BENCH_REPS], rs[BENCH_REPS], from[BENCH_REPS], to[BENCH_REPS];
	u64 fast[BENCH_REPS], alloc[BENCH_REPS], t;
	struct ttm_operation_ctx ctx = {};
	struct drm_i915_gem_object *obj;
	struct intel_memory_region *mem;
	resource_size_t *off = NULL;
	struct page **pages = NULL;
	struct ttm_buffer_object *bo;
	struct ttm_tt *tt = NULL;
	unsigned long i;
	int r, err;

	mem = mock_lmem_region_get(i915, 2 * size, __func__);
	if (IS_ERR(mem))
		return PTR_ERR(mem);

	bench_note("evicting and restoring %llu MiB", (u64)size >> 20);
	obj = bench_lmem_object(mem, size, 0);
	if (IS_ERR(obj)) {
		err = PTR_ERR(obj);
		goto out_region;
	}
	bo = i915_gem_to_ttm(obj);

	/* Once untimed: the first system pages the VM touches cost more. */
	for (r = -1; r < BENCH_REPS; r++) {
		t = ktime_get_ns();
		err = bench_evict_first(mem);
		if (r >= 0)
			ev[r] = ktime_get_ns() - t;
		if (!err && !st_in_system(obj))
			err = -EINVAL;
		if (err)
			goto out;

		t = ktime_get_ns();
		err = i915_gem_object_pin_pages(obj);
		if (r >= 0)
			rs[r] = ktime_get_ns() - t;
		if (err)
			goto out;
		i915_gem_object_unpin_pages(obj);
		cond_resched();
	}

	pages = kvcalloc(n, sizeof(*pages), GFP_KERNEL);
	off = kvcalloc(n, sizeof(*off), GFP_KERNEL);
	err = -ENOMEM;
	if (!pages || !off)
		goto out;
	/* What an eviction adds to the copy: system pages, got and given back. */
	for (r = 0; r < BENCH_REPS; r++) {
		t = ktime_get_ns();
		for (i = 0; i < n; i++) {
			pages[i] = alloc_page(GFP_KERNEL);
			if (!pages[i])
				goto out;
		}
		if (r == BENCH_REPS - 1) {
			alloc[r] = ktime_get_ns() - t;
			break;
		}
		for (i = 0; i < n; i++)
			__free_page(fetch_and_zero(&pages[i]));
		alloc[r] = ktime_get_ns() - t;
		cond_resched();
	}
	/* The last repetition keeps its pages: time their freeing alone. */
	t = ktime_get_ns();
	for (i = 0; i < n; i++)
		__free_page(fetch_and_zero(&pages[i]));
	alloc[BENCH_REPS - 1] += ktime_get_ns() - t;

	tt = bo->bdev->driver->ttm_tt_create(bo, 0);
	if (!tt) {
		err = -ENOMEM;
		goto out;
	}
	err = ttm_tt_populate(bo->bdev, tt, &ctx);
	if (err)
		goto out;
	err = i915_gem_object_pin_pages(obj);
	if (err)
		goto out;
	for (i = 0; i < n; i++)
		off[i] = i915_gem_object_get_dma_address(obj, i) -
			 mem->region.start;

	bench_note("plain copies of the same %llu MiB", (u64)size >> 20);
	for (r = 0; r < BENCH_REPS; r++) {
		void __iomem *io;
		void *sys;

		t = ktime_get_ns();
		for (i = 0; i < n; i++) {
			io = io_mapping_map_atomic_wc(&mem->iomap, off[i]);
			sys = kmap_atomic(tt->pages[i]);
			memcpy_fromio(sys, io, PAGE_SIZE);
			kunmap_atomic(sys);
			io_mapping_unmap_atomic(io);
		}
		from[r] = ktime_get_ns() - t;

		t = ktime_get_ns();
		for (i = 0; i < n; i++) {
			io = io_mapping_map_atomic_wc(&mem->iomap, off[i]);
			sys = kmap_atomic(tt->pages[i]);
			i915_ttm_memcpy_fromio(sys, io, PAGE_SIZE, true);
			kunmap_atomic(sys);
			io_mapping_unmap_atomic(io);
		}
		fast[r] = ktime_get_ns() - t;

		t = ktime_get_ns();
		for (i = 0; i < n; i++) {
			io = io_mapping_map_atomic_wc(&mem->iomap, off[i]);
			sys = kmap_atomic(tt->pages[i]);
			memcpy_toio(io, sys, PAGE_SIZE);
			kunmap_atomic(sys);
			io_mapping_unmap_atomic(io);
		}
		to[r] = ktime_get_ns() - t;
		cond_resched();
	}
	i915_gem_object_unpin_pages(obj);

	bench_result("evict.ttm", size, "bytes", ev);
	bench_result("evict.memcpy", size, "bytes", from);
	bench_result("restore.ttm", size, "bytes", rs);
	bench_result("restore.memcpy", size, "bytes", to);
	bench_result("read.movntdqa", size, "bytes", fast);
	bench_result("pages.alloc_free", size, "bytes", alloc);
out:
	if (tt)
		bo->bdev->driver->ttm_tt_destroy(bo->bdev, tt);
	bench_pages_put(pages, n);
	kvfree(off);
	i915_gem_object_put(obj);
	i915_gem_drain_freed_objects(i915);
out_region:
	intel_memory_region_put(mem);
	return err;
}

/* @per new 4 KiB objects in LMEM per repetition, kept in @objs. */
static int bench_alloc(struct intel_memory_region *mem,
		       struct drm_i915_gem_object **objs, unsigned int *count,
		       unsigned int per, u64 *ns)
{
	struct drm_i915_gem_object *obj;
	unsigned int i;
	int r;
	u64 t;

	for (r = 0; r < BENCH_REPS; r++) {
		t = ktime_get_ns();
		for (i = 0; i < per; i++) {
			obj = bench_lmem_object(mem, PAGE_SIZE, 0);
			if (IS_ERR(obj))
				return PTR_ERR(obj);
			objs[(*count)++] = obj;
		}
		ns[r] = ktime_get_ns() - t;
		cond_resched();
	}

	return 0;
}

/*
 * Allocations among @resident evictable 4 KiB objects and @pins pinned
 * ones (long-term or short-term pins), all created first so that they
 * are the oldest: first while the region has room (@room), then, with
 * the region full, each allocation evicting one object (@full). The
 * difference is the cost of the eviction itself.
 */
static int bench_full_once(struct drm_i915_private *i915,
			   unsigned int resident, unsigned int pins,
			   bool longterm, u64 *room, u64 *full)
{
	const unsigned int per = BENCH_FULL_PER;
	const unsigned int total = resident + pins, extra = BENCH_REPS * per;
	struct drm_i915_gem_object **objs, *obj;
	struct intel_memory_region *mem;
	unsigned int i, count = 0;
	int err = 0;

	mem = mock_lmem_region_get(i915,
				   (resource_size_t)(total + extra) * PAGE_SIZE,
				   __func__);
	if (IS_ERR(mem))
		return PTR_ERR(mem);

	objs = kvcalloc(total + 2 * extra, sizeof(*objs), GFP_KERNEL);
	if (!objs) {
		err = -ENOMEM;
		goto out_region;
	}

	for (i = 0; i < total && !err; i++) {
		obj = i915_gem_object_create_region(mem, PAGE_SIZE, 0);
		if (IS_ERR(obj)) {
			err = PTR_ERR(obj);
			break;
		}
		objs[count++] = obj;
		if (i < pins && longterm) {
			err = i915_gem_object_pin_pages_longterm(obj);
		} else {
			err = i915_gem_object_pin_pages(obj);
			if (!err && i >= pins)
				i915_gem_object_unpin_pages(obj);
		}
		if (err) {
			objs[--count] = NULL;
			i915_gem_object_put(obj);
		}
		if (!(i % 4096))
			cond_resched();
	}

	if (!err)
		err = bench_alloc(mem, objs, &count, per, room);
	if (!err)
		err = bench_alloc(mem, objs, &count, per, full);

	/* Nothing pinned moved; the region really was full. */
	for (i = 0; i < pins && !err; i++)
		if (st_in_system(objs[i]))
			err = -EINVAL;
	if (!err && !st_in_system(objs[pins]))
		err = -ENOSPC;

	for (i = 0; i < count; i++) {
		if (i < pins && longterm)
			i915_gem_object_unpin_pages_longterm(objs[i]);
		else if (i < pins)
			i915_gem_object_unpin_pages(objs[i]);
		i915_gem_object_put(objs[i]);
		if (!(i % 4096))
			cond_resched();
	}
	kvfree(objs);
	i915_gem_drain_freed_objects(i915);
out_region:
	intel_memory_region_put(mem);
	return err;
}

/*
 * Eviction among more resident objects, then among more pinned ones. The
 * victim is always the oldest evictable object, so the number of
 * resident ones alone cannot move the figure; pinned objects, created
 * first, are older still: the eviction passes over those still on the
 * LRU lists (short-term pins) and never sees those taken off them
 * (long-term pins).
 */
static int bench_full_region(void *arg)
{
	static const unsigned int resident[] = { 1000, 10000, 100000 };
	static const unsigned int pinned[] = { 100, 1000, 10000 };
	static const struct {
		const char *name;
		bool longterm;
	} kinds[] = {
		{ "longterm", true },
		{ "shortterm", false },
	};
	struct drm_i915_private *i915 = arg;
	u64 room[BENCH_REPS], full[BENCH_REPS];
	char name[48];
	int i, k, err = 0;

	/*
	 * The largest case once, untimed: memory the VM has not touched yet
	 * costs more the first time, whichever case comes first.
	 */
	bench_note("full region: warming up");
	err = bench_full_once(i915, resident[ARRAY_SIZE(resident) - 1],
			      0, false, room, full);

	for (i = 0; i < ARRAY_SIZE(resident) && !err; i++) {
		bench_note("full region: %u resident objects", resident[i]);
		err = bench_full_once(i915, resident[i], 0, false, room, full);
		if (err)
			break;
		snprintf(name, sizeof(name), "full.%uk", resident[i] / 1000);
		bench_result(name, BENCH_FULL_PER, "ops", full);
		snprintf(name, sizeof(name), "room.%uk", resident[i] / 1000);
		bench_result(name, BENCH_FULL_PER, "ops", room);
	}

	for (k = 0; k < ARRAY_SIZE(kinds) && !err; k++) {
		for (i = 0; i < ARRAY_SIZE(pinned) && !err; i++) {
			bench_note("full region: 1000 resident, %u pinned %s",
				   pinned[i], kinds[k].name);
			err = bench_full_once(i915, 1000, pinned[i],
					      kinds[k].longterm, room, full);
			if (err)
				break;
			snprintf(name, sizeof(name), "full.pins%u.%s",
				 pinned[i], kinds[k].name);
			bench_result(name, BENCH_FULL_PER, "ops", full);
			snprintf(name, sizeof(name), "room.pins%u.%s",
				 pinned[i], kinds[k].name);
			bench_result(name, BENCH_FULL_PER, "ops", room);
		}
	}

	return err;
}

/*
 * Where an eviction's time goes besides the copy, for the same 16 MiB:
 * a tt of that size populated and unpopulated through the driver, with
 * no copy and no BO move (the pages and their accounting), the same by
 * TTM's pool on a plain tt, and TTM's per-page memory accounting alone,
 * on pages already allocated.
 */
static int bench_populate(void *arg)
{
	const resource_size_t size = SZ_16M;
	const unsigned long n = size >> PAGE_SHIFT;
	struct ttm_operation_ctx ctx = {};
	struct drm_i915_private *i915 = arg;
	u64 pop[BENCH_REPS], pool[BENCH_REPS], acc[BENCH_REPS], t;
	struct drm_i915_gem_object *obj;
	struct intel_memory_region *mem;
	struct ttm_buffer_object *bo;
	struct page **pages = NULL;
	struct ttm_tt *tt, plain;
	unsigned long i;
	int r, err;

	mem = mock_lmem_region_get(i915, size, __func__);
	if (IS_ERR(mem))
		return PTR_ERR(mem);

	bench_note("populating and accounting %llu MiB", (u64)size >> 20);
	/* Only for its size and device: the tt below is never its own. */
	obj = i915_gem_object_create_region(mem, size, 0);
	if (IS_ERR(obj)) {
		err = PTR_ERR(obj);
		goto out_region;
	}
	bo = i915_gem_to_ttm(obj);

	/* The driver's own kind of tt, as an eviction makes it. */
	tt = bo->bdev->driver->ttm_tt_create(bo, 0);
	err = -ENOMEM;
	if (!tt)
		goto out;
	err = 0;
	/* Once untimed: the first system pages the VM touches cost more. */
	for (r = -1; r < BENCH_REPS && !err; r++) {
		t = ktime_get_ns();
		err = ttm_tt_populate(bo->bdev, tt, &ctx);
		if (!err)
			ttm_tt_unpopulate(bo->bdev, tt);
		if (r >= 0)
			pop[r] = ktime_get_ns() - t;
		cond_resched();
	}
	bo->bdev->driver->ttm_tt_destroy(bo->bdev, tt);
	if (err)
		goto out;

	/* TTM's pool on a plain tt of the same size, as other drivers get. */
	err = ttm_tt_init(&plain, bo, 0);
	for (r = -1; r < BENCH_REPS && !err; r++) {
		t = ktime_get_ns();
		err = ttm_pool_populate(&plain, &ctx);
		if (!err)
			ttm_pool_unpopulate(&plain);
		if (r >= 0)
			pool[r] = ktime_get_ns() - t;
		cond_resched();
	}
	ttm_tt_fini(&plain);
	if (err)
		goto out;

	pages = kvcalloc(n, sizeof(*pages), GFP_KERNEL);
	err = -ENOMEM;
	if (!pages)
		goto out;
	for (i = 0; i < n; i++) {
		pages[i] = alloc_page(GFP_KERNEL);
		if (!pages[i])
			goto out;
	}
	err = 0;
	for (r = 0; r < BENCH_REPS && !err; r++) {
		t = ktime_get_ns();
		for (i = 0; i < n; i++) {
			err = ttm_mem_global_alloc_page(&ttm_mem_glob, pages[i],
							PAGE_SIZE, &ctx);
			if (err)
				break;
		}
		while (i--)
			ttm_mem_global_free_page(&ttm_mem_glob, pages[i],
						 PAGE_SIZE);
		acc[r] = ktime_get_ns() - t;
		cond_resched();
	}

	if (!err) {
		bench_result("tt.populate_unpopulate", size, "bytes", pop);
		bench_result("tt.pool_populate_unpopulate", size, "bytes",
			     pool);
		bench_result("tt.accounting", size, "bytes", acc);
	}
out:
	bench_pages_put(pages, n);
	i915_gem_object_put(obj);
	i915_gem_drain_freed_objects(i915);
out_region:
	intel_memory_region_put(mem);
	return err;
}

/* Evicting a DONTNEED object purges it: no copy, against a WILLNEED one. */
static int bench_purge(void *arg)
{
	const resource_size_t size = SZ_16M;
	struct drm_i915_private *i915 = arg;
	u64 ns[2][BENCH_REPS], t;
	struct drm_i915_gem_object *obj;
	struct intel_memory_region *mem;
	int r, dontneed, err = 0;

	mem = mock_lmem_region_get(i915, 2 * size, __func__);
	if (IS_ERR(mem))
		return PTR_ERR(mem);

	bench_note("evicting %llu MiB objects, DONTNEED and WILLNEED",
		   (u64)size >> 20);
	for (r = 0; r < BENCH_REPS && !err; r++) {
		for (dontneed = 0; dontneed < 2 && !err; dontneed++) {
			obj = bench_lmem_object(mem, size, 0);
			if (IS_ERR(obj)) {
				err = PTR_ERR(obj);
				break;
			}
			if (dontneed)
				err = st_madvise(obj, I915_MADV_DONTNEED, NULL);
			if (!err) {
				t = ktime_get_ns();
				err = bench_evict_first(mem);
				ns[dontneed][r] = ktime_get_ns() - t;
			}
			if (!err && st_no_store(obj) != dontneed)
				err = -EINVAL;
			i915_gem_object_put(obj);
			i915_gem_drain_freed_objects(i915);
		}
	}

	if (!err) {
		bench_result("purge.dontneed", size, "bytes", ns[1]);
		bench_result("purge.willneed", size, "bytes", ns[0]);
	}
	intel_memory_region_put(mem);
	return err;
}

/*
 * Swapout walks TTM's global swap LRU. Objects that never got pages have
 * nothing to swap (every new LMEM object starts as one): the first swapout
 * that meets them takes them off the list, and the calls after it must
 * not pay for them again. Each call here swaps one evicted object.
 */
#define BENCH_UNPOPULATED 10000

static int bench_swapout_one(struct intel_memory_region *mem, u64 *ns)
{
	struct ttm_operation_ctx ctx = {};
	struct drm_i915_gem_object *obj;
	u64 t;
	int err;

	obj = bench_lmem_object(mem, SZ_64K, 0);
	if (IS_ERR(obj))
		return PTR_ERR(obj);

	/* Evicted: in system memory with its pages, last on the swap LRU. */
	err = bench_evict_first(mem);
	if (!err) {
		t = ktime_get_ns();
		err = ttm_bo_swapout(&ttm_bo_glob, &ctx);
		*ns = ktime_get_ns() - t;
	}
	i915_gem_object_put(obj);
	i915_gem_drain_freed_objects(mem->i915);

	return err;
}

static int bench_swapout(void *arg)
{
	struct drm_i915_private *i915 = arg;
	u64 ns[3][BENCH_REPS];
	struct drm_i915_gem_object **idle;
	struct intel_memory_region *mem;
	int r, i, n, err = 0;

	idle = kvmalloc_array(BENCH_UNPOPULATED, sizeof(*idle), GFP_KERNEL);
	if (!idle)
		return -ENOMEM;

	mem = mock_lmem_region_get(i915, SZ_1M, __func__);
	if (IS_ERR(mem)) {
		kvfree(idle);
		return PTR_ERR(mem);
	}

	bench_note("swapout with %d never-populated objects on the LRU",
		   BENCH_UNPOPULATED);
	for (r = 0; r < BENCH_REPS && !err; r++) {
		err = bench_swapout_one(mem, &ns[0][r]);
		for (n = 0; n < BENCH_UNPOPULATED && !err; n++) {
			idle[n] = i915_gem_object_create_region(mem, SZ_4K, 0);
			if (IS_ERR(idle[n]))
				err = PTR_ERR(idle[n]);
		}
		if (!err && !r) {
			struct ttm_buffer_object *bo = i915_gem_to_ttm(idle[0]);
			bool listed;

			spin_lock(&ttm_bo_glob.lru_lock);
			listed = !list_empty(&bo->swap);
			spin_unlock(&ttm_bo_glob.lru_lock);
			bench_note("a never-populated object is %son the swap LRU",
				   listed ? "" : "NOT ");
		}
		if (!err)
			err = bench_swapout_one(mem, &ns[1][r]);
		if (!err)
			err = bench_swapout_one(mem, &ns[2][r]);
		for (i = 0; i < n; i++)
			if (!IS_ERR(idle[i]))
				i915_gem_object_put(idle[i]);
		i915_gem_drain_freed_objects(i915);
		cond_resched();
	}

	if (!err) {
		bench_result("swapout.plain", 1, "ops", ns[0]);
		bench_result("swapout.unpopulated.first", 1, "ops", ns[1]);
		bench_result("swapout.unpopulated.next", 1, "ops", ns[2]);
	}
	intel_memory_region_put(mem);
	kvfree(idle);
	return err;
}
#endif

int i915_ttm_bench_mock_selftests(void)
{
	static const struct i915_subtest tests[] = {
		SUBTEST(bench_small_objects),
#if BENCH_TTM
		SUBTEST(bench_small_bar),
		SUBTEST(bench_clear),
		SUBTEST(bench_evict_restore),
		SUBTEST(bench_populate),
		SUBTEST(bench_purge),
		SUBTEST(bench_full_region),
		SUBTEST(bench_swapout),
#endif
	};
	struct drm_i915_private *i915;
	int err;

	i915 = mock_gem_device();
	if (!i915)
		return -ENOMEM;

	bench_note("start (%s)", BENCH_TTM ? "series" : "base");
	err = i915_subtests(tests, i915);
	bench_note("end: %d", err);

	mock_destroy_device(i915);
	return err;
}
