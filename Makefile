# i915 LMEM on TTM for Linux 5.10 LTS: the series and its test harness.
#
#   make run           boot the patched test kernel in QEMU, print the results
#   make shell         the same VM, ending in a busybox shell
#   make check         every stage (Documentation/design.md has the table);
#                      ends "check: N passed, N failed"
#   make harness-test  the harness's own tests alone, in seconds
#   make tree          build/linux: the pinned base plus patches/
#   make export        build/linux's commits back to patches/
#   make kernel        build a kernel only (KIND=test|debug); kernel, run and
#                      shell take build/linux as it stands, edits included
#   make bench         the bench, base against series, one table (not in check)
#   make deb           Debian packages of the patched kernel (not in check)
#   make deps          install missing Debian packages (as root)
#   make base          fetch and verify the base tarball
#   make clean         objects, logs, scratch trees; keeps build/linux, build/cache
#   make distclean     all of build/; refuses while build/linux has unexported work
#
# Everything generated goes to build/. See README.md.

H := tools/testing/i915-ttm
KIND ?= test

.PHONY: help run shell check bench deps base tree usetree export kernel deb harness-test clean distclean

help:
	@sed -n 's/^#   //p' Makefile
	@echo "other settings: KIND=debug (run shell kernel), VM_LMEM=none (run), CHECK_STAGES=\"...\" (check), FORCE=1 (tree distclean)"

deps:
	@sh $(H)/deps.sh

base: deps
	@sh $(H)/fetch-base.sh >/dev/null

tree: base
	@sh $(H)/mktree.sh

export:
	@python3 $(H)/export.py

# build/linux as it stands: edits not exported yet are built (and named).
usetree: base
	@sh $(H)/usetree.sh

kernel: usetree
	@sh $(H)/build.sh $(KIND)

run: usetree
	@sh $(H)/run.sh --table $(KIND) build/logs/run-$(KIND).log

shell: usetree
	@img=$$(sh $(H)/build.sh $(KIND)) && sh $(H)/vm.sh shell "$$img"

check:
	@sh $(H)/check.sh

# The bench: base vs series, one table of medians and ratios (not in check).
bench: tree
	@sh $(H)/bench.sh

# Debian packages of the patched kernel for real hardware (not in check).
deb: tree
	@sh $(H)/deb.sh

# The harness's own tests; on a clone without build/linux, the two that
# need it say so and are left out (make check runs them all).
harness-test:
	@CHECK_STAGES=harness CHECK_TREE=optional sh $(H)/check.sh

# What the verbs remake on demand; the kernel tree (work may be in it)
# and the download cache stay. The per-patch, docs and bench trees are
# worktrees of build/linux, and 'worktree prune' forgets only those whose
# directory is already gone: it runs after the rm.
clean:
	rm -rf build/obj-* build/logs build/initramfs* build/pp build/pp-tree build/doc-base build/roundtrip build/linux-older build/linux-older.new build/deb build/bench
	@git -C build/linux worktree prune 2>/dev/null || true

# Also the kernel tree (unexported work in it is lost) and the cache.
distclean:
	@sh $(H)/exported.sh || { echo "distclean: refusing to remove unexported work (FORCE=1 to remove anyway)"; [ "$(FORCE)" = 1 ]; }
	rm -rf build
